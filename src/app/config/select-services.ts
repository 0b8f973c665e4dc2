import { NotFoundError } from "../../shared/errors.js";
import type { Project, ServiceConfig } from "../compose-port.js";

/** The project restricted to `names` and everything they depend on; unknown names are an error. */
export function selectServices(project: Project, names: readonly string[]): Project {
  if (names.length === 0) return project;
  const keep = new Set<string>();
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (keep.has(name)) continue;
    const service = project.services[name];
    if (service === undefined) throw new NotFoundError(`no such service: ${name}`, { details: { name } });
    keep.add(name);
    pending.push(...dependencyNames(service));
  }
  const services: Record<string, ServiceConfig> = {};
  for (const name of Object.keys(project.services).sort()) {
    const service = project.services[name];
    if (keep.has(name) && service !== undefined) services[name] = service;
  }
  return { ...project, services };
}

function dependencyNames(service: ServiceConfig): string[] {
  const deps = service.depends_on;
  if (Array.isArray(deps)) return deps.filter((d): d is string => typeof d === "string");
  if (typeof deps === "object" && deps !== null) return Object.keys(deps);
  return [];
}
