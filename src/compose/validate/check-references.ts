import { type ComposeIssue, issueAt } from "../errors.js";
import type { SourceMap } from "../source-map.js";
import { isRawMap, type RawMap, type RawValue, type TreePath } from "../tree.js";
import { sortIssues } from "./issues.js";
import { suggestKey } from "./suggest.js";
import { namedVolumeSource } from "./volume-source.js";

type Kind = "network" | "volume" | "secret" | "config" | "model";

interface Context {
  services: Set<string>;
  declared: Record<Kind, Set<string>>;
  sources: SourceMap;
  out: ComposeIssue[];
}

/** Finds references to services, networks, volumes, secrets, configs and models that are not defined. */
export function checkReferences(tree: RawValue, sources: SourceMap): ComposeIssue[] {
  if (!isRawMap(tree)) return [];
  const ctx: Context = {
    services: keysOf(tree.services),
    declared: {
      network: keysOf(tree.networks),
      volume: keysOf(tree.volumes),
      secret: keysOf(tree.secrets),
      config: keysOf(tree.configs),
      model: keysOf(tree.models),
    },
    sources,
    out: [],
  };
  const services = tree.services;
  if (!isRawMap(services)) return [];
  for (const name of Object.keys(services).sort()) {
    const service = services[name];
    if (isRawMap(service)) checkService(name, service, ctx);
  }
  return sortIssues(ctx.out);
}

/** Appends a did-you-mean when a defined name is close to the one referred to. */
function withSuggestion(message: string, target: string, names: Set<string>): string {
  const near = suggestKey(target, [...names]);
  return near === undefined ? message : `${message} (did you mean "${near}"?)`;
}

function keysOf(value: RawValue | undefined): Set<string> {
  return new Set(isRawMap(value) ? Object.keys(value) : []);
}

function checkService(name: string, service: RawMap, ctx: Context): void {
  const base: TreePath = ["services", name];
  const needService = (target: string, path: TreePath) => {
    if (!ctx.services.has(target)) {
      const message = `service "${name}" depends on undefined service "${target}"`;
      ctx.out.push(issueAt(path, withSuggestion(message, target, ctx.services), ctx.sources));
    }
  };
  const need = (kind: Kind, target: string, path: TreePath) => {
    if (ctx.declared[kind].has(target)) return;
    if (kind === "network" && target === "default") return;
    const message = `service "${name}" refers to undefined ${kind} "${target}"`;
    ctx.out.push(issueAt(path, withSuggestion(message, target, ctx.declared[kind]), ctx.sources));
  };

  const dependsOn = service.depends_on;
  if (Array.isArray(dependsOn)) {
    eachString(dependsOn, (dep, i) => needService(dep, [...base, "depends_on", i]));
  } else if (isRawMap(dependsOn)) {
    for (const [dep, settings] of Object.entries(dependsOn)) {
      // An optional dependency may point at a service that is not part of this project.
      if (isRawMap(settings) && settings.required === false) continue;
      needService(dep, [...base, "depends_on", dep]);
    }
  }
  eachString(service.links, (link, i) => needService(link.split(":")[0] ?? link, [...base, "links", i]));
  eachString(service.volumes_from, (entry, i) => {
    const target = volumesFromService(entry);
    if (target !== undefined) needService(target, [...base, "volumes_from", i]);
  });
  for (const key of ["network_mode", "ipc", "pid"] as const) {
    const value = service[key];
    if (typeof value === "string" && value.startsWith("service:")) {
      needService(value.slice("service:".length), [...base, key]);
    }
  }

  eachName(service.networks, (net, path) => need("network", net, [...base, "networks", ...path]));
  eachName(service.models, (model, path) => need("model", model, [...base, "models", ...path]));
  eachRef(service.secrets, (secret, i) => need("secret", secret, [...base, "secrets", i]));
  eachRef(service.configs, (config, i) => need("config", config, [...base, "configs", i]));
  if (isRawMap(service.build)) {
    eachRef(service.build.secrets, (secret, i) => need("secret", secret, [...base, "build", "secrets", i]));
  }
  if (isRawMap(service.credential_spec) && typeof service.credential_spec.config === "string") {
    need("config", service.credential_spec.config, [...base, "credential_spec", "config"]);
  }
  if (Array.isArray(service.volumes)) {
    service.volumes.forEach((mount, i) => {
      const volume = namedVolumeSource(mount);
      if (volume !== undefined) need("volume", volume, [...base, "volumes", i]);
    });
  }
}

/** The service named by a `volumes_from` entry (`service:X[:mode]` or `X[:mode]`); none for `container:X`. */
function volumesFromService(entry: string): string | undefined {
  const parts = entry.split(":");
  if (parts[0] === "container") return undefined;
  if (parts[0] === "service") return parts[1];
  return parts[0];
}

function eachString(list: RawValue | undefined, visit: (value: string, index: number) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((value, index) => {
    if (typeof value === "string") visit(value, index);
  });
}

/** Names in the list form (`[a, b]`) or the map form (`{a: …}`) of a service attribute. */
function eachName(value: RawValue | undefined, visit: (name: string, path: TreePath) => void): void {
  if (Array.isArray(value)) eachString(value, (name, index) => visit(name, [index]));
  else if (isRawMap(value)) for (const name of Object.keys(value)) visit(name, [name]);
}

/** Secret or config references: a name, or `{source: name, …}`. */
function eachRef(list: RawValue | undefined, visit: (name: string, index: number) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((entry, index) => {
    if (typeof entry === "string") visit(entry, index);
    else if (isRawMap(entry) && typeof entry.source === "string") visit(entry.source, index);
  });
}
