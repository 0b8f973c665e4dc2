import { BerthError } from "../../shared/errors.js";
import { isIpv4 } from "../ipv4.js";

/** A transport protocol of a port. */
export type PortProtocol = "tcp" | "udp" | "sctp";

/** One published port as the CLI's `-p` describes it; no host port means "pick one". */
export interface PublishedPort {
  hostIp?: string;
  hostPort?: number;
  containerPort: number;
  protocol: PortProtocol;
}

function invalid(what: string, text: string, why: string): BerthError {
  return new BerthError("INVALID_ARGUMENT", `invalid ${what} ${JSON.stringify(text)}: ${why}`, {
    details: { value: text },
  });
}

function parseProtocol(what: string, text: string, value: string): PortProtocol {
  const protocol = value.toLowerCase();
  if (protocol === "tcp" || protocol === "udp" || protocol === "sctp") return protocol;
  throw invalid(what, text, `unknown protocol ${JSON.stringify(value)}`);
}

function parsePort(what: string, text: string, value: string): number {
  if (!/^\d{1,5}$/.test(value)) throw invalid(what, text, `${JSON.stringify(value)} is not a port number`);
  const port = Number(value);
  if (port < 1 || port > 65535) throw invalid(what, text, `port ${port} is out of range 1-65535`);
  return port;
}

function parseRange(what: string, text: string, value: string): number[] {
  const dash = value.indexOf("-");
  if (dash < 0) return [parsePort(what, text, value)];
  const start = parsePort(what, text, value.slice(0, dash));
  const end = parsePort(what, text, value.slice(dash + 1));
  if (end < start) throw invalid(what, text, `the range ${value} ends before it starts`);
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

/** Parses a port key of an image or API ("80/tcp", "53/udp", "80" = tcp). */
export function parsePortKey(text: string): { port: number; protocol: PortProtocol } {
  const slash = text.indexOf("/");
  const port = parsePort("port", text, slash < 0 ? text : text.slice(0, slash));
  return { port, protocol: slash < 0 ? "tcp" : parseProtocol("port", text, text.slice(slash + 1)) };
}

/** Parses one `-p` value ("80", ":80", "8080:80", "127.0.0.1:8080:80/udp", "8000-8002:80-82"), ranges expanded. */
export function parsePublish(text: string): PublishedPort[] {
  const what = "published port";
  const slash = text.indexOf("/");
  const protocol = slash < 0 ? "tcp" : parseProtocol(what, text, text.slice(slash + 1));
  const parts = (slash < 0 ? text : text.slice(0, slash)).split(":");
  if (parts.length > 3) throw invalid(what, text, "expected [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]");
  const containerText = parts[parts.length - 1] ?? "";
  const hostPortText = parts.length >= 2 ? (parts[parts.length - 2] ?? "") : "";
  const hostIpText = parts.length === 3 ? (parts[0] ?? "") : "";
  if (hostIpText !== "" && !isIpv4(hostIpText)) {
    throw invalid(what, text, `${JSON.stringify(hostIpText)} is not an IPv4 address`);
  }
  const containerPorts = parseRange(what, text, containerText);
  const hostPorts = hostPortText === "" ? undefined : parseRange(what, text, hostPortText);
  if (hostPorts !== undefined && hostPorts.length !== containerPorts.length) {
    throw invalid(what, text, "the host and container port ranges must have the same length");
  }
  return containerPorts.map((containerPort, i) => ({
    ...(hostIpText === "" ? {} : { hostIp: hostIpText }),
    ...(hostPorts === undefined ? {} : { hostPort: hostPorts[i] }),
    containerPort,
    protocol,
  }));
}
