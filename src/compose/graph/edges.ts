import type { Project, ServiceConfig } from "../types.js";

function serviceRef(value: string | undefined): string | undefined {
  return value?.startsWith("service:") ? value.slice("service:".length) : undefined;
}

/**
 * The services `service` must start after: depends_on, links (`svc[:alias]`), `service:X` in
 * network_mode/ipc/pid/uts/cgroup, and volumes_from (`svc[:ro]`, not `container:`). Sorted, unique.
 */
export function serviceDependencies(service: ServiceConfig): string[] {
  const found = new Set<string>(Object.keys(service.depends_on ?? {}));
  for (const link of service.links ?? []) {
    const parts = link.split(":");
    found.add(parts.length === 2 ? (parts[0] ?? link) : link);
  }
  for (const key of ["network_mode", "ipc", "pid", "uts", "cgroup"] as const) {
    const ref = serviceRef(service[key]);
    if (ref !== undefined) found.add(ref);
  }
  for (const entry of service.volumes_from ?? []) {
    if (!entry.startsWith("container:")) found.add(entry.split(":")[0] ?? entry);
  }
  return [...found].sort();
}

/** Adjacency (service → its dependencies) for every service; edges to unknown services are left out. */
export function dependencyEdges(project: Project): Map<string, string[]> {
  const names = Object.keys(project.services).sort();
  const known = new Set(names);
  const edges = new Map<string, string[]>();
  for (const name of names) {
    const service = project.services[name] as ServiceConfig;
    edges.set(
      name,
      serviceDependencies(service).filter((dep) => known.has(dep)),
    );
  }
  return edges;
}
