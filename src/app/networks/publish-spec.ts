import { UsageError } from "../../shared/errors.js";
import { isIp } from "./ip-text.js";

/** A published port as the create body takes it: the `80/tcp` key and one binding. */
export interface PublishedPort {
  /** `PORT/PROTO`, the key of ExposedPorts and HostConfig.PortBindings. */
  port: string;
  /** "" = all addresses. */
  hostIp: string;
  /** "" = a free port the engine picks; `8000-8002` = a free one of the range. */
  hostPort: string;
}

const protocols = new Set(["tcp", "udp", "sctp"]);

function fail(flag: string, text: string, reason: string): never {
  throw new UsageError(`invalid argument "${text}" for "${flag}" flag: ${reason}`);
}

/** `80` or `80-82` as [first, last]; undefined when not a port or range of 1..65535. */
export function parsePortRange(text: string): [number, number] | undefined {
  const found = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!found?.[1]) return undefined;
  const first = Number(found[1]);
  const last = found[2] !== undefined ? Number(found[2]) : first;
  if (first < 1 || last > 65535 || last < first) return undefined;
  return [first, last];
}

/** Splits `80/udp` into port text and protocol (tcp when absent), lower-casing the protocol. */
function splitProtocol(text: string): [string, string] {
  const slash = text.lastIndexOf("/");
  if (slash < 0) return [text, "tcp"];
  return [text.slice(0, slash), text.slice(slash + 1).toLowerCase() || "tcp"];
}

/** Splits `ip:host:container` as Docker does: the last part is the container's, the one before the host's. */
function splitParts(text: string): { ip: string; host: string; container: string } {
  const parts = text.split(":");
  const container = parts[parts.length - 1] ?? "";
  if (parts.length === 1) return { ip: "", host: "", container };
  if (parts.length === 2) return { ip: "", host: parts[0] ?? "", container };
  return { ip: parts.slice(0, -2).join(":"), host: parts[parts.length - 2] ?? "", container };
}

function shortSyntax(text: string, flag: string): PublishedPort[] {
  const [rest, protocol] = splitProtocol(text);
  if (!protocols.has(protocol)) fail(flag, text, `invalid proto: ${protocol}`);
  const parts = splitParts(rest);
  const ip = parts.ip.replace(/^\[(.*)\]$/, "$1");
  if (ip !== "" && !isIp(ip)) fail(flag, text, `invalid IP address: ${parts.ip}`);
  if (parts.container === "") fail(flag, text, `no port specified: ${rest}<empty>`);
  const container = parsePortRange(parts.container);
  if (!container) fail(flag, text, `invalid containerPort: ${parts.container}`);
  let host: [number, number] | undefined;
  if (parts.host !== "") {
    host = parsePortRange(parts.host) ?? (parts.host === "0" ? [0, 0] : undefined);
    if (!host) fail(flag, text, `invalid hostPort: ${parts.host}`);
  }
  const count = container[1] - container[0];
  if (host && count !== host[1] - host[0] && count !== 0) {
    fail(
      flag,
      text,
      `invalid ranges specified for container and host Ports: ${parts.container} and ${parts.host}`,
    );
  }
  const out: PublishedPort[] = [];
  for (let i = 0; i <= count; i++) {
    const hostPort = host === undefined ? "" : count === 0 ? parts.host : String(host[0] + i);
    out.push({ port: `${container[0] + i}/${protocol}`, hostIp: ip, hostPort });
  }
  return out;
}

function longSyntax(text: string, flag: string): PublishedPort[] {
  const fields = new Map<string, string>();
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) fail(flag, text, `invalid field "${part}": must be a key=value pair`);
    fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  let target = "";
  let published = "";
  let protocol = "tcp";
  let hostIp = "";
  for (const [key, value] of fields) {
    if (key === "target") target = value;
    else if (key === "published") published = value;
    else if (key === "protocol") protocol = value.toLowerCase();
    else if (key === "host_ip") hostIp = value;
    else if (key === "mode") {
      if (value !== "host" && value !== "ingress") fail(flag, text, `invalid publish mode value (${value})`);
    } else fail(flag, text, `invalid field key ${key}`);
  }
  if (target === "") fail(flag, text, "missing mandatory field 'target'");
  const spec = `${hostIp !== "" ? `${hostIp.includes(":") ? `[${hostIp}]` : hostIp}:` : ""}${published}${
    published !== "" || hostIp !== "" ? ":" : ""
  }${target}/${protocol}`;
  return shortSyntax(spec, flag);
}

/**
 * One `-p/--publish` value as Docker's CLI reads it: `80`, `8080:80`, `127.0.0.1:8080:80/udp`,
 * `127.0.0.1::80`, `[::1]:8080:80`, ranges (`8000-8002:80-82`, `8000-8002:80`), or the long form
 * `target=80,published=8080,protocol=udp`. Errors name the flag and the value.
 */
export function parsePublish(text: string, flag = "-p, --publish"): PublishedPort[] {
  if (text.includes("=")) return longSyntax(text, flag);
  if (text === "") fail(flag, text, "no port specified: <empty>");
  return shortSyntax(text, flag);
}

/** One `--expose` value (`80`, `80-82`, `53/udp`) as ExposedPorts keys. */
export function parseExpose(text: string): string[] {
  const [portText, protocol] = splitProtocol(text);
  const range = parsePortRange(portText);
  if (!range) fail("--expose", text, `invalid range format for --expose: ${portText}`);
  if (!protocols.has(protocol)) fail("--expose", text, `invalid proto: ${protocol}`);
  const out: string[] = [];
  for (let port = range[0]; port <= range[1]; port++) out.push(`${port}/${protocol}`);
  return out;
}
