import { dirname, isAbsolute, join, resolve } from "node:path";
import { ComposeError } from "../errors.js";
import type { LoaderHost } from "../host.js";

/** Default compose file names, in the order Compose looks for them. */
export const DEFAULT_FILE_NAMES = [
  "compose.yaml",
  "compose.yml",
  "docker-compose.yaml",
  "docker-compose.yml",
];

/** A compose file to load: its absolute path (or `-`) and, for stdin, its text. */
export interface ConfigFile {
  path: string;
  content?: string;
}

/** Options for finding the compose files of a project. */
export interface FindFilesOptions {
  files: readonly string[];
  cwd: string;
  projectDirectory?: string;
  environment: Readonly<Record<string, string>>;
}

/** `-f` values, else COMPOSE_FILE, else discovery from the working directory upwards. */
export function findConfigFiles(options: FindFilesOptions, host: LoaderHost): ConfigFile[] {
  const explicit = options.files.length > 0 ? [...options.files] : composeFileVariable(options.environment);
  if (explicit.length > 0) {
    return explicit.map((file) => {
      if (file === "-") return { path: "-" };
      const base = options.projectDirectory ? resolve(options.cwd, options.projectDirectory) : options.cwd;
      const path = isAbsolute(file) ? file : resolve(options.files.length > 0 ? options.cwd : base, file);
      if (host.readFile(path) === undefined) {
        throw new ComposeError([{ path: "", file: path, message: `compose file not found: ${file}` }]);
      }
      return { path };
    });
  }
  const start = options.projectDirectory ? resolve(options.cwd, options.projectDirectory) : options.cwd;
  for (let dir = start; ; dir = dirname(dir)) {
    const found = discoverIn(dir, host);
    if (found.length > 0) return found;
    if (dirname(dir) === dir) break;
  }
  throw new ComposeError([
    {
      path: "",
      message: `no configuration file provided: not found (looked for ${DEFAULT_FILE_NAMES.join(", ")} in ${start} and its parents)`,
    },
  ]);
}

function discoverIn(dir: string, host: LoaderHost): ConfigFile[] {
  for (const name of DEFAULT_FILE_NAMES) {
    const path = join(dir, name);
    if (host.readFile(path) === undefined) continue;
    const files: ConfigFile[] = [{ path }];
    const dot = name.lastIndexOf(".");
    const override = join(dir, `${name.slice(0, dot)}.override${name.slice(dot)}`);
    if (host.readFile(override) !== undefined) files.push({ path: override });
    return files;
  }
  return [];
}

function composeFileVariable(environment: Readonly<Record<string, string>>): string[] {
  const value = environment.COMPOSE_FILE;
  if (!value) return [];
  const separator = environment.COMPOSE_PATH_SEPARATOR || ":";
  return value.split(separator).filter((part) => part !== "");
}
