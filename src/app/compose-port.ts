// The compose layer's types as the CLI sees them: cli may import app but not compose.
import type { LoaderHost } from "../compose/host.js";
import type { LoadOptions, LoadResult } from "../compose/load/load-options.js";

export type { ComposeIssue } from "../compose/errors.js";
export type { LoaderHost } from "../compose/host.js";
export type { LoadOptions, LoadResult } from "../compose/load/load-options.js";
export type { Project, ServiceConfig } from "../compose/types.js";

/** Loads a compose project: the signature of compose's `loadProject`, injected so tests can fake it. */
export type ProjectLoader = (options: LoadOptions, host: LoaderHost) => LoadResult;
