import { dirname, resolve } from "node:path";
import { resolveEnvironment } from "../../compose/load/environment.js";
import type { LoaderHost, LoadOptions, LoadResult } from "../compose-port.js";

/**
 * The environment the project was interpolated with, as `docker compose config --environment` prints
 * it: the shell over `--env-file` (or the project's `.env`), plus `COMPOSE_PROJECT_NAME`, one
 * `KEY=value` line each, sorted as Go sorts strings (by UTF-8 bytes).
 */
export function interpolationEnvironment(load: LoadOptions, loaded: LoadResult, host: LoaderHost): string[] {
  // The loader's own rule for the project directory: the flag, else the first compose file's folder.
  const first = loaded.configFiles[0];
  const projectDirectory = load.projectDirectory
    ? resolve(load.cwd, load.projectDirectory)
    : first === undefined || first === "-"
      ? load.cwd
      : dirname(first);
  const environment = resolveEnvironment(
    { shell: load.environment, envFiles: load.envFiles ?? [], baseDir: load.cwd, projectDirectory },
    host,
  );
  environment.COMPOSE_PROJECT_NAME = loaded.project.name;
  return Object.entries(environment)
    .map(([key, value]) => `${key}=${value}`)
    .sort(byUtf8);
}

function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
