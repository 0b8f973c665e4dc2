import type { RawValue } from "../tree.js";
import type { ServiceConfig, ServiceDependency } from "../types.js";
import { asMap, copyExtensions, scalarText, untag } from "./values.js";

function dependency(condition: string, required: boolean, restart?: boolean): ServiceDependency {
  const out: ServiceDependency = { condition, required };
  if (restart) return { condition, restart, required };
  return out;
}

/** `depends_on` list or mapping → `{svc: {condition, restart?, required}}` with compose's defaults. */
export function dependsOnField(value: RawValue): Record<string, ServiceDependency> {
  const v = untag(value);
  const out: Record<string, ServiceDependency> = {};
  if (Array.isArray(v)) {
    for (const name of v.map((e) => scalarText(e)).sort()) out[name] = dependency("service_started", true);
    return out;
  }
  const map = asMap(v);
  for (const name of Object.keys(map).sort()) {
    const entry = asMap(map[name]);
    const condition = entry.condition === undefined ? "service_started" : scalarText(entry.condition);
    const required = untag(entry.required) !== false;
    const dep = dependency(condition, required, untag(entry.restart) === true);
    copyExtensions(entry, dep as unknown as Record<string, unknown>);
    out[name] = dep;
  }
  return out;
}

/** The service named by a `service:NAME` reference, if it is one. */
export function serviceReference(value: string | undefined): string | undefined {
  return value?.startsWith("service:") ? value.slice("service:".length) : undefined;
}

/** The service a `volumes_from` entry names (`svc`, `svc:ro`), or undefined for `container:…`. */
export function volumesFromService(entry: string): string | undefined {
  if (entry.startsWith("container:")) return undefined;
  return entry.split(":")[0];
}

/** The service a `links` entry names (`svc` or `svc:alias`). */
export function linkService(entry: string): string {
  const parts = entry.split(":");
  return parts.length === 2 ? (parts[0] ?? entry) : entry;
}

/**
 * Adds the dependencies compose implies from links, `service:` namespaces (network_mode, ipc, pid,
 * uts, cgroup) and volumes_from, without touching explicit ones; keys stay sorted.
 */
export function addImplicitDependencies(
  service: ServiceConfig,
): Record<string, ServiceDependency> | undefined {
  const deps: Record<string, ServiceDependency> = { ...(service.depends_on ?? {}) };
  const add = (name: string, restart: boolean): void => {
    if (!(name in deps)) deps[name] = dependency("service_started", true, restart);
  };
  for (const link of service.links ?? []) add(linkService(link), true);
  for (const key of ["network_mode", "ipc", "pid", "uts", "cgroup"] as const) {
    const shared = serviceReference(service[key]);
    if (shared !== undefined) add(shared, true);
  }
  for (const entry of service.volumes_from ?? []) {
    const name = volumesFromService(entry);
    if (name !== undefined) add(name, false);
  }
  if (Object.keys(deps).length === 0) return undefined;
  return Object.fromEntries(
    Object.keys(deps)
      .sort()
      .map((k) => [k, deps[k] as ServiceDependency]),
  );
}
