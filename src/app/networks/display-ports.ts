import type { ContainerInspect, ContainerSummary } from "../containers/api-types.js";

/** One port of a container list entry. */
export type SummaryPort = ContainerSummary["Ports"][number];

function hostPort(ip: string, port: number | string): string {
  return `${ip.includes(":") ? `[${ip}]` : ip}:${port}`;
}

function byPort(a: SummaryPort, b: SummaryPort): number {
  if (a.PrivatePort !== b.PrivatePort) return a.PrivatePort - b.PrivatePort;
  const ipA = a.IP ?? "";
  const ipB = b.IP ?? "";
  if (ipA !== ipB) return ipA < ipB ? -1 : 1;
  if ((a.PublicPort ?? 0) !== (b.PublicPort ?? 0)) return (a.PublicPort ?? 0) - (b.PublicPort ?? 0);
  return a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0;
}

interface Group {
  ip: string;
  type: string;
  first: number;
  last: number;
}

function groupText(group: Group): string {
  const ports = group.first === group.last ? `${group.first}` : `${group.first}-${group.last}`;
  return group.ip === "" ? `${ports}/${group.type}` : `${hostPort(group.ip, ports)}->${ports}/${group.type}`;
}

/**
 * The PORTS column of `ps` as Docker shows it: sorted by container port; runs of consecutive
 * unpublished ports (or ports published on the same number) collapse into ranges per address and
 * protocol (`0.0.0.0:8000-8002->8000-8002/tcp`, `3000-3001/tcp`); other mappings follow one by one
 * (`0.0.0.0:8080->80/tcp`, `[::]:8080->80/tcp`).
 */
export function displayPorts(ports: readonly SummaryPort[]): string {
  const groups = new Map<string, Group>();
  const done: string[] = [];
  const mappings: string[] = [];
  for (const port of [...ports].sort(byPort)) {
    const ip = port.IP ?? "";
    if (ip !== "" && port.PublicPort !== port.PrivatePort) {
      mappings.push(`${hostPort(ip, port.PublicPort ?? 0)}->${port.PrivatePort}/${port.Type}`);
      continue;
    }
    const key = `${ip}/${port.Type}`;
    const group = groups.get(key);
    if (group && port.PrivatePort === group.last + 1) {
      group.last = port.PrivatePort;
      continue;
    }
    if (group) done.push(groupText(group));
    // Map.set on an existing key keeps its first-insertion position, as Docker's key order does.
    groups.set(key, { ip, type: port.Type, first: port.PrivatePort, last: port.PrivatePort });
  }
  return [...done, ...[...groups.values()].map(groupText), ...mappings].join(", ");
}

/** Compares texts with digit runs taken as numbers (Docker's natural sort of `port` lines). */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** The bindings of a container's published ports (NetworkSettings.Ports), keyed `80/tcp`. */
export type InspectPorts = ContainerInspect["NetworkSettings"]["Ports"];

/**
 * `docker port CONTAINER [PORT[/PROTO]]`: without a port every binding as `80/tcp -> 0.0.0.0:8080`,
 * with one its addresses (`0.0.0.0:8080`); undefined when that port is not published.
 */
export function portLines(ports: InspectPorts, wanted?: string): string[] | undefined {
  if (wanted !== undefined) {
    const key = wanted.includes("/") ? wanted : `${wanted}/tcp`;
    const bindings = ports[key] ?? [];
    if (bindings.length === 0) return undefined;
    return bindings.map((b) => hostPort(b.HostIp, b.HostPort));
  }
  const lines: string[] = [];
  for (const [key, bindings] of Object.entries(ports)) {
    for (const b of bindings ?? []) lines.push(`${key} -> ${hostPort(b.HostIp, b.HostPort)}`);
  }
  return lines.sort(naturalCompare);
}
