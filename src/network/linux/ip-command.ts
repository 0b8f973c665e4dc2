import type { CommandResult, CommandRunner } from "../../shared/ports.js";
import { normalizeCidr } from "../ipv4.js";
import { NetworkCommandError } from "./command-error.js";

/** One link as `ip -j link show` reports it (the fields berth reads). */
export interface IpLink {
  ifname: string;
  master?: string;
  operstate?: string;
  flags?: string[];
  mtu?: number;
  link_type?: string;
  address?: string;
}

interface JsonRoute {
  dst?: string;
}

interface JsonAddressInfo {
  family?: string;
  local?: string;
  prefixlen?: number;
}

interface JsonAddressLink {
  ifname?: string;
  addr_info?: JsonAddressInfo[];
}

function parseJsonArray(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const parsed: unknown = JSON.parse(trimmed);
  return Array.isArray(parsed) ? parsed : [];
}

/** iproute2 behind a `CommandRunner`: batches in the host or a named netns, and JSON reads. */
export class IpCommand {
  readonly #runner: CommandRunner;
  readonly #binary: string;

  constructor(runner: CommandRunner, binary = "ip") {
    this.#runner = runner;
    this.#binary = binary;
  }

  /** Runs `ip ARGS`; throws NetworkCommandError on a non-zero exit. */
  async run(args: readonly string[], input?: string): Promise<CommandResult> {
    const argv = [this.#binary, ...args];
    const result = await this.#runner.run(argv, input === undefined ? {} : { input });
    if (result.exitCode !== 0) {
      throw new NetworkCommandError({
        argv,
        exitCode: result.exitCode,
        stderr: result.stderr,
        ...(input === undefined ? {} : { input }),
      });
    }
    return result;
  }

  /** Runs `ip ARGS` and returns its result whatever the exit code. */
  async try(args: readonly string[]): Promise<CommandResult> {
    return this.#runner.run([this.#binary, ...args]);
  }

  /** Runs the lines with `ip -batch -` in the host netns (stops at the first failing line). */
  async batch(lines: string[]): Promise<void> {
    if (lines.length === 0) return;
    await this.run(["-batch", "-"], `${lines.join("\n")}\n`);
  }

  /** Runs the lines with `ip -n NETNS -batch -` (a batch line cannot carry `-n`). */
  async batchIn(netns: string, lines: string[]): Promise<void> {
    if (lines.length === 0) return;
    await this.run(["-n", netns, "-batch", "-"], `${lines.join("\n")}\n`);
  }

  /** Every link of the host netns. */
  async jsonLinks(): Promise<IpLink[]> {
    const result = await this.run(["-j", "link", "show"]);
    return parseJsonArray(result.stdout).filter(
      (entry): entry is IpLink =>
        typeof entry === "object" && entry !== null && typeof (entry as IpLink).ifname === "string",
    );
  }

  /** The destinations of every IPv4 route in every table (host routes as /32), without default routes. */
  async routes(): Promise<string[]> {
    const result = await this.run(["-j", "-4", "route", "show", "table", "all"]);
    const found: string[] = [];
    for (const entry of parseJsonArray(result.stdout)) {
      const dst = (entry as JsonRoute | null)?.dst;
      if (typeof dst !== "string" || dst === "default" || dst === "0.0.0.0/0") continue;
      try {
        found.push(normalizeCidr(dst.includes("/") ? dst : `${dst}/32`));
      } catch {
        // Not an IPv4 prefix (e.g. a multicast keyword): nothing to avoid.
      }
    }
    return found;
  }

  /** Every IPv4 address of the host netns with its prefix ("10.0.0.5/24") and interface. */
  async addresses(): Promise<{ ifname: string; cidr: string }[]> {
    const result = await this.run(["-j", "-4", "address", "show"]);
    const found: { ifname: string; cidr: string }[] = [];
    for (const entry of parseJsonArray(result.stdout)) {
      const link = entry as JsonAddressLink | null;
      for (const info of link?.addr_info ?? []) {
        if (typeof link?.ifname !== "string" || info.family !== "inet") continue;
        if (typeof info.local !== "string" || typeof info.prefixlen !== "number") continue;
        found.push({ ifname: link.ifname, cidr: `${info.local}/${info.prefixlen}` });
      }
    }
    return found;
  }
}
