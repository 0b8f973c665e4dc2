import { access, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BerthError } from "../../shared/errors.js";
import type { CommandRunner } from "../../shared/ports.js";
import { normalizeCidr, parseCidr } from "../ipv4.js";
import { NETNS_DIR } from "../names.js";
import {
  attachHostLines,
  attachNsLines,
  type BridgeSpec,
  bridgeFixLines,
  bridgeUpLines,
  type EndpointSpec,
} from "../steps/bridge-steps.js";
import { IpCommand } from "./ip-command.js";

/** The host's network primitives the engine needs: bridges, netns, veths, sysctls and what is taken. */
export interface NetworkHost {
  /** Creates the bridge or fixes its address and up state; sets route_localnet=1 on it. */
  ensureBridge(b: BridgeSpec): Promise<void>;
  /** Deletes the bridge; nothing when it is absent. */
  deleteBridge(name: string): Promise<void>;
  bridgeExists(name: string): Promise<boolean>;
  /** Creates the netns (idempotent), brings lo up, returns /var/run/netns/NAME. */
  createNetns(name: string): Promise<string>;
  /** Deletes the netns; nothing when it is absent. */
  deleteNetns(name: string): Promise<void>;
  netnsExists(name: string): Promise<boolean>;
  /** Creates the veth pair and configures both ends (host batch, then netns batch). */
  attach(e: EndpointSpec): Promise<void>;
  /** Deletes the host end of a veth (its peer goes with it); nothing when it is absent. */
  detach(e: { hostVeth: string }): Promise<void>;
  /** Every IPv4 route prefix and interface subnet of the host, normalised, sorted, distinct. */
  takenSubnets(): Promise<string[]>;
  /** Link names starting with the prefix, sorted. */
  listLinks(prefix: string): Promise<string[]>;
  /** Netns names (under /var/run/netns) starting with the prefix, sorted. */
  listNetns(prefix: string): Promise<string[]>;
  /** Sets net.ipv4.ip_forward=1 and returns the value it had. */
  enableForwarding(): Promise<{ previous: string }>;
  setSysctl(key: string, value: string): Promise<void>;
  readSysctl(key: string): Promise<string>;
}

function sysctlPath(key: string): string {
  if (!/^[a-z0-9_]+(\.[A-Za-z0-9_@-]+)+$/.test(key)) {
    throw new BerthError("INVALID_ARGUMENT", `invalid sysctl key: ${key}`, { details: { key } });
  }
  return join("/proc/sys", ...key.split("."));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

class LinuxNetworkHost implements NetworkHost {
  readonly #ip: IpCommand;

  constructor(runner: CommandRunner) {
    this.#ip = new IpCommand(runner);
  }

  async #linkExists(name: string): Promise<boolean> {
    return (await this.#ip.try(["link", "show", "dev", name])).exitCode === 0;
  }

  async ensureBridge(b: BridgeSpec): Promise<void> {
    // A new bridge is the common case (network create): one batch, no look first. The batch stops at its
    // failing `link add` when the bridge exists (adoption, a retry): then fix that one.
    try {
      await this.#ip.batch(bridgeUpLines(b));
    } catch (error: unknown) {
      if (!(await this.#linkExists(b.name))) throw error;
      // Drop addresses that are not the gateway's (a stale config), then re-apply address and up state.
      const wanted = `${b.gateway}/${parseCidr(b.subnet).prefix}`;
      const stale = (await this.#ip.addresses()).filter((a) => a.ifname === b.name && a.cidr !== wanted);
      await this.#ip.batch([
        ...stale.map((a) => `address del ${a.cidr} dev ${b.name}`),
        ...bridgeFixLines(b),
      ]);
    }
    await this.setSysctl(`net.ipv4.conf.${b.name}.route_localnet`, "1");
  }

  async deleteBridge(name: string): Promise<void> {
    await this.#deleteLink(name);
  }

  async #deleteLink(name: string): Promise<void> {
    if (!(await this.#linkExists(name))) return;
    try {
      await this.#ip.run(["link", "del", "dev", name]);
    } catch (error: unknown) {
      if (await this.#linkExists(name)) throw error;
    }
  }

  async bridgeExists(name: string): Promise<boolean> {
    return this.#linkExists(name);
  }

  async createNetns(name: string): Promise<string> {
    if (!(await this.netnsExists(name))) {
      try {
        await this.#ip.run(["netns", "add", name]);
      } catch (error: unknown) {
        if (!(await this.netnsExists(name))) throw error;
      }
    }
    await this.#ip.batchIn(name, ["link set lo up"]);
    return join(NETNS_DIR, name);
  }

  async deleteNetns(name: string): Promise<void> {
    if (!(await this.netnsExists(name))) return;
    try {
      await this.#ip.run(["netns", "del", name]);
    } catch (error: unknown) {
      if (await this.netnsExists(name)) throw error;
    }
  }

  async netnsExists(name: string): Promise<boolean> {
    return exists(join(NETNS_DIR, name));
  }

  async attach(e: EndpointSpec): Promise<void> {
    await this.#ip.batch(attachHostLines(e));
    try {
      await this.#ip.batchIn(e.netns, attachNsLines(e));
    } catch (error: unknown) {
      // Leave nothing half-made: the host end takes its peer with it.
      await this.#deleteLink(e.hostVeth).catch(() => undefined);
      throw error;
    }
  }

  async detach(e: { hostVeth: string }): Promise<void> {
    await this.#deleteLink(e.hostVeth);
  }

  async takenSubnets(): Promise<string[]> {
    const [routes, addresses] = await Promise.all([this.#ip.routes(), this.#ip.addresses()]);
    const all = new Set([...routes, ...addresses.map((a) => normalizeCidr(a.cidr))]);
    return [...all].sort();
  }

  async listLinks(prefix: string): Promise<string[]> {
    const links = await this.#ip.jsonLinks();
    return links
      .map((link) => link.ifname)
      .filter((name) => name.startsWith(prefix))
      .sort();
  }

  async listNetns(prefix: string): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(NETNS_DIR);
    } catch {
      return [];
    }
    return names.filter((name) => name.startsWith(prefix)).sort();
  }

  async enableForwarding(): Promise<{ previous: string }> {
    const previous = await this.readSysctl("net.ipv4.ip_forward");
    if (previous !== "1") await this.setSysctl("net.ipv4.ip_forward", "1");
    return { previous };
  }

  async setSysctl(key: string, value: string): Promise<void> {
    try {
      await writeFile(sysctlPath(key), `${value}\n`);
    } catch (error: unknown) {
      if (error instanceof BerthError) throw error;
      throw new BerthError("RUNTIME_COMMAND", `cannot set sysctl ${key}=${value}`, {
        details: { key, value },
        cause: error,
      });
    }
  }

  async readSysctl(key: string): Promise<string> {
    try {
      return (await readFile(sysctlPath(key), "utf8")).trim();
    } catch (error: unknown) {
      if (error instanceof BerthError) throw error;
      throw new BerthError("RUNTIME_COMMAND", `cannot read sysctl ${key}`, {
        details: { key },
        cause: error,
      });
    }
  }
}

/** The Linux implementation of `NetworkHost` (iproute2 through the runner, /proc/sys and /var/run/netns directly). */
export function linuxNetworkHost(runner: CommandRunner): NetworkHost {
  return new LinuxNetworkHost(runner);
}
