import type { EnvLookup, LoaderHost } from "../host.js";
import type { TreePath } from "../tree.js";
import type { IssueCollector } from "./values.js";
import type { PathResolver } from "./volumes.js";

/** What the normalisation of one service needs to know. */
export interface ServiceContext {
  name: string;
  path: TreePath;
  lookup: EnvLookup;
  host: LoaderHost;
  workingDir: string;
  resolvePaths: boolean;
  /** Fold `env_file` into `environment` / `label_file` into `labels`. */
  foldEnvFiles: boolean;
  foldLabelFiles: boolean;
  paths: PathResolver;
  issues: IssueCollector;
}
