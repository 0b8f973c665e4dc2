import type { RawValue } from "../tree.js";
import type { ServicePortConfig } from "../types.js";
import { asMap, copyExtensions, ordered, scalarText, toNumber, untag } from "./values.js";

const PORT_KEYS = ["name", "mode", "host_ip", "target", "published", "protocol", "app_protocol"];

function parseRange(text: string): [number, number] | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (start > 65535 || end > 65535 || end < start) return undefined;
  return [start, end];
}

function splitParts(spec: string): { ip: string; host: string; container: string } {
  const parts = spec.split(":");
  const n = parts.length;
  const container = parts[n - 1] ?? "";
  if (n === 1) return { ip: "", host: "", container };
  if (n === 2) return { ip: "", host: parts[0] ?? "", container };
  return { ip: parts.slice(0, n - 2).join(":"), host: parts[n - 2] ?? "", container };
}

/**
 * Expands one short port spec (`80`, `8080:80`, `127.0.0.1:8080:80/udp`, `[::1]:80:80`,
 * `3000-3002:3000-3002`) into long entries, one per container port, ordered like compose.
 */
export function parsePortSpec(spec: string): ServicePortConfig[] {
  const { ip: rawIp, host, container: withProto } = splitParts(spec);
  const slash = withProto.indexOf("/");
  const container = slash < 0 ? withProto : withProto.slice(0, slash);
  const protocol = (slash < 0 ? "tcp" : withProto.slice(slash + 1) || "tcp").toLowerCase();
  const ip = rawIp.startsWith("[") && rawIp.endsWith("]") ? rawIp.slice(1, -1) : rawIp;
  if (ip !== "" && !isIp(ip)) throw new Error(`invalid IP address: ${rawIp}`);
  const targets = parseRange(container);
  if (!targets) throw new Error(`invalid containerPort: ${container}`);
  let hosts: [number, number] | undefined;
  if (host !== "") {
    hosts = parseRange(host);
    if (!hosts) throw new Error(`invalid hostPort: ${host}`);
  }
  const [start, end] = targets;
  const count = end - start;
  if (hosts && hosts[1] - hosts[0] !== count && count !== 0) {
    throw new Error(`invalid ranges specified for container and host ports: ${spec}`);
  }
  const entries: { key: string; port: ServicePortConfig }[] = [];
  for (let i = 0; i <= count; i++) {
    let published: string | undefined;
    if (hosts) published = count === 0 ? host : String(hosts[0] + i);
    // Built in PORT_KEYS order directly (as `ordered` would lay it out).
    const built: Record<string, unknown> = { mode: "ingress" };
    if (ip !== "") built.host_ip = ip;
    built.target = start + i;
    if (published !== undefined) built.published = published;
    built.protocol = protocol;
    entries.push({ key: `${start + i}/${protocol}`, port: built as unknown as ServicePortConfig });
  }
  // compose-go sorts the expanded ports by their "port/proto" text.
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return entries.map((e) => e.port);
}

function isIp(text: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return text.split(".").every((p) => Number(p) <= 255);
  return text.includes(":") && /^[0-9a-fA-F:.]+$/.test(text);
}

/** Normalises one entry of `ports` (short string, number or long mapping) into long entries. */
export function normalizePortEntry(entry: RawValue): ServicePortConfig[] {
  const value = untag(entry);
  if (typeof value === "string" || typeof value === "number") return parsePortSpec(String(value));
  const map = asMap(value);
  const fields: Record<string, unknown> = {
    name: map.name === undefined ? undefined : scalarText(map.name),
    mode: map.mode === undefined ? "ingress" : scalarText(map.mode),
    host_ip: map.host_ip === undefined ? undefined : scalarText(map.host_ip),
    target: toNumber(map.target),
    published:
      map.published === undefined || map.published === null || map.published === ""
        ? undefined
        : scalarText(map.published),
    protocol: map.protocol === undefined ? "tcp" : scalarText(map.protocol),
    app_protocol: map.app_protocol === undefined ? undefined : scalarText(map.app_protocol),
  };
  copyExtensions(map, fields);
  return [ordered<ServicePortConfig>(fields, PORT_KEYS)];
}
