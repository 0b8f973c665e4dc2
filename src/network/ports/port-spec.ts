import { BerthError } from "../../shared/errors.js";

// The engine reads published ports from the API's PortBindings keys; the CLI's `-p` syntax is parsed
// in src/app/networks/publish-spec.ts (the app layer cannot import this one).

/** A transport protocol of a port. */
export type PortProtocol = "tcp" | "udp" | "sctp";

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

/** Parses a port key of an image or API ("80/tcp", "53/udp", "80" = tcp). */
export function parsePortKey(text: string): { port: number; protocol: PortProtocol } {
  const slash = text.indexOf("/");
  const port = parsePort("port", text, slash < 0 ? text : text.slice(0, slash));
  return { port, protocol: slash < 0 ? "tcp" : parseProtocol("port", text, text.slice(slash + 1)) };
}
