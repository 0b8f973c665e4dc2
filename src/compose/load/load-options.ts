import type { Project } from "../types.js";

/** What the user asked for: the `-f`, `-p`, `--env-file`, `--profile`, … of every compose command. */
export interface LoadOptions {
  /** Compose files as given (`-f` repeated, or COMPOSE_FILE split); `-` reads `stdin`. Empty: discover. */
  files: readonly string[];
  /** Text of standard input, used when a file is `-`. */
  stdin?: string;
  /** The process's current directory (absolute). */
  cwd: string;
  /** `--project-directory`; defaults to the directory of the first compose file. */
  projectDirectory?: string;
  /** `-p`; otherwise COMPOSE_PROJECT_NAME, then `name:`, then the project directory's name. */
  projectName?: string;
  /** `--env-file`, repeatable; otherwise `<project dir>/.env` when it exists. */
  envFiles?: readonly string[];
  /** `--profile`, repeatable; otherwise COMPOSE_PROFILES. */
  profiles?: readonly string[];
  /** Services named on the command line: they are enabled whatever their profiles. */
  services?: readonly string[];
  /** The shell environment (it wins over every env file). */
  environment: Readonly<Record<string, string>>;
  /** `--no-interpolate` sets this to false. */
  interpolate?: boolean;
  /** Relative paths become absolute against the project directory (default true). */
  resolvePaths?: boolean;
  /** `--no-normalize`: keep the merged model as written (no long syntax, no defaults). */
  normalize?: boolean;
  /** Fold each service's `env_file` into its `environment` (default true; `--no-env-resolution`). */
  resolveEnvFiles?: boolean;
  /** Fold each service's `label_file` into its `labels` (default true). */
  resolveLabelFiles?: boolean;
  /** Skip schema validation (for partial files). */
  skipValidation?: boolean;
}

/** A loaded project and what was learned on the way. */
export interface LoadResult {
  project: Project;
  /** Absolute paths of the compose files, in load order (main file first). */
  configFiles: string[];
  /** Every profile named by any service, enabled or not, sorted. */
  allProfiles: string[];
  /** The interpolation environment: the shell over `--env-file` (or the project's `.env`). */
  environment: Record<string, string>;
  /** Things worth telling the user that are not errors (e.g. obsolete `version:`). */
  warnings: string[];
}
