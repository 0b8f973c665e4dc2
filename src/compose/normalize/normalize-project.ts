import { ComposeError } from "../errors.js";
import type { EnvLookup, LoaderHost } from "../host.js";
import type { SourceMap } from "../source-map.js";
import { isRawMap, type RawMap } from "../tree.js";
import { type Project, SERVICE_KEY_ORDER, type ServiceConfig } from "../types.js";
import type { ServiceContext } from "./context.js";
import { addImplicitDependencies } from "./depends-on.js";
import { pathResolver } from "./paths.js";
import { normalizeResources, type ResourceKind } from "./resources.js";
import { serviceFields } from "./service.js";
import { asMap, copyExtensions, IssueCollector, ordered, untag } from "./values.js";

/** Everything normalisation needs besides the tree. */
export interface NormalizeContext {
  projectName: string;
  /** Absolute project directory; relative paths resolve against it. */
  workingDir: string;
  /** The interpolation environment (resolves `FOO` without `=`, `~`, env file variables). */
  lookup: EnvLookup;
  /** Reads env files. */
  host: LoaderHost;
  /** Make relative host paths absolute (`--no-path-resolution` turns this off). */
  resolvePaths: boolean;
  /** Fold `env_file` into `environment` and `label_file` into `labels` (else both stay as written). */
  foldEnvFiles: boolean;
  foldLabelFiles: boolean;
  sources?: SourceMap;
}

const SECTIONS: readonly ResourceKind[] = ["networks", "volumes", "secrets", "configs", "models"];

/**
 * Turns a validated, merged raw tree into the canonical `Project` (long syntax everywhere, compose's
 * defaults and implicit dependencies filled in). Throws one `ComposeError` listing every problem.
 */
export function normalizeProject(tree: RawMap, ctx: NormalizeContext): Project {
  const issues = new IssueCollector(ctx.sources);
  const paths = pathResolver({ workingDir: ctx.workingDir, lookup: ctx.lookup, enabled: ctx.resolvePaths });
  const rawServices = asMap(tree.services);
  const services: Record<string, ServiceConfig> = {};
  let usesDefaultNetwork = false;
  for (const name of Object.keys(rawServices).sort()) {
    const serviceCtx: ServiceContext = {
      name,
      path: ["services", name],
      lookup: ctx.lookup,
      host: ctx.host,
      workingDir: ctx.workingDir,
      resolvePaths: ctx.resolvePaths,
      foldEnvFiles: ctx.foldEnvFiles,
      foldLabelFiles: ctx.foldLabelFiles,
      paths,
      issues,
    };
    // Implicit dependencies and the default network are added before the one ordering of the keys.
    const service = serviceFields(asMap(rawServices[name]), serviceCtx) as ServiceConfig;
    const deps = addImplicitDependencies(service);
    if (deps) service.depends_on = deps;
    if (attachDefaultNetwork(service)) usesDefaultNetwork = true;
    services[name] = ordered<ServiceConfig>(service as Record<string, unknown>, SERVICE_KEY_ORDER);
  }
  if (issues.issues.length > 0) throw new ComposeError(issues.issues);

  const project: Project = { name: ctx.projectName, services };
  const resourceCtx = { projectName: ctx.projectName, paths };
  const rawNetworks = { ...asMap(tree.networks) };
  if (usesDefaultNetwork && !("default" in rawNetworks)) rawNetworks.default = null;
  for (const kind of SECTIONS) {
    const raw = kind === "networks" ? rawNetworks : untag(tree[kind]);
    if (!isRawMap(raw ?? null) || Object.keys(raw as RawMap).length === 0) continue;
    const section = normalizeResources(kind, raw, resourceCtx);
    (project as unknown as Record<string, unknown>)[kind] = section;
  }
  copyExtensions(tree, project as unknown as Record<string, unknown>);
  return project;
}

/** Connects a service with no networks (and no network_mode or provider) to `default`. */
function attachDefaultNetwork(service: ServiceConfig): boolean {
  if (service.provider !== undefined || service.network_mode !== undefined) return false;
  if (
    service.networks === undefined ||
    service.networks === null ||
    Object.keys(service.networks).length === 0
  ) {
    service.networks = { default: null };
    return true;
  }
  return "default" in service.networks;
}
