// The compose layer's public surface: what other layers may use.
export { ComposeError, type ComposeIssue, DependencyCycleError, formatIssue } from "./errors.js";
export type { EnvLookup, LoaderHost } from "./host.js";
export type { LoadOptions, LoadResult } from "./load/load-options.js";
export { loadProject } from "./load/load-project.js";
export type { Project, ServiceConfig } from "./types.js";
