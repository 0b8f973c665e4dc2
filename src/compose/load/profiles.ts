import { ComposeError, type ComposeIssue, issueAt } from "../errors.js";
import type { SourceMap } from "../source-map.js";
import { isRawMap, type RawMap, type RawValue } from "../tree.js";

/** Every profile named by any service, sorted. */
export function declaredProfiles(tree: RawMap): string[] {
  const found = new Set<string>();
  for (const service of Object.values(isRawMap(tree.services) ? tree.services : {})) {
    if (isRawMap(service) && Array.isArray(service.profiles)) {
      for (const profile of service.profiles) if (typeof profile === "string") found.add(profile);
    }
  }
  return [...found].sort();
}

/** Which profiles are active, and which services the user named on the command line. */
export interface ProfileSelection {
  active: readonly string[];
  services: readonly string[];
}

function dependencyNames(service: RawMap): { name: string; required: boolean }[] {
  const dependsOn = service.depends_on;
  if (Array.isArray(dependsOn)) {
    return dependsOn
      .filter((d): d is string => typeof d === "string")
      .map((name) => ({ name, required: true }));
  }
  if (isRawMap(dependsOn)) {
    return Object.entries(dependsOn).map(([name, spec]) => ({
      name,
      required: !(isRawMap(spec) && spec.required === false),
    }));
  }
  return [];
}

function isEnabledByProfiles(service: RawValue | undefined, active: readonly string[]): boolean {
  if (!isRawMap(service) || !Array.isArray(service.profiles) || service.profiles.length === 0) return true;
  if (active.includes("*")) return true;
  return service.profiles.some((profile) => typeof profile === "string" && active.includes(profile));
}

/**
 * Keeps the services enabled by the active profiles, plus those named on the command line and what they
 * depend on. A dependency on a disabled service is an error unless it is `required: false` (then dropped).
 */
export function applyProfiles(tree: RawMap, selection: ProfileSelection, sources: SourceMap): RawMap {
  const services = isRawMap(tree.services) ? tree.services : {};
  const issues: ComposeIssue[] = [];
  for (const name of selection.services) {
    if (!Object.hasOwn(services, name)) issues.push({ path: "", message: `no such service: ${name}` });
  }
  if (issues.length > 0) throw new ComposeError(issues);

  const enabled = new Set(
    Object.keys(services).filter((name) => isEnabledByProfiles(services[name], selection.active)),
  );
  const pending = [...selection.services];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (enabled.has(name) && !selection.services.includes(name)) continue;
    enabled.add(name);
    const service = services[name];
    if (!isRawMap(service)) continue;
    for (const dependency of dependencyNames(service)) {
      if (!enabled.has(dependency.name) && Object.hasOwn(services, dependency.name))
        pending.push(dependency.name);
    }
  }

  const kept: RawMap = {};
  for (const name of Object.keys(services).sort()) {
    if (!enabled.has(name)) continue;
    const service = services[name];
    if (!isRawMap(service)) {
      kept[name] = service ?? null;
      continue;
    }
    const missing = dependencyNames(service).filter(
      (d) => Object.hasOwn(services, d.name) && !enabled.has(d.name),
    );
    for (const dependency of missing.filter((d) => d.required)) {
      issues.push(
        issueAt(
          ["services", name, "depends_on"],
          `service "${name}" depends on service "${dependency.name}", which is disabled by the active profiles (enable one of its profiles, or name it on the command line)`,
          sources,
        ),
      );
    }
    kept[name] =
      missing.length > 0 ? withoutDependencies(service, new Set(missing.map((d) => d.name))) : service;
  }
  if (issues.length > 0) throw new ComposeError(issues);
  return { ...tree, services: kept };
}

function withoutDependencies(service: RawMap, drop: Set<string>): RawMap {
  const dependsOn = service.depends_on;
  if (Array.isArray(dependsOn)) {
    return { ...service, depends_on: dependsOn.filter((d) => typeof d !== "string" || !drop.has(d)) };
  }
  if (isRawMap(dependsOn)) {
    return {
      ...service,
      depends_on: Object.fromEntries(Object.entries(dependsOn).filter(([name]) => !drop.has(name))),
    };
  }
  return service;
}
