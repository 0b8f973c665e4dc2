import type { LoadResult } from "../compose-port.js";

/**
 * The environment the project was interpolated with, as `docker compose config --environment` prints
 * it: the loader's environment (the shell over `--env-file` or the project's `.env`) plus
 * `COMPOSE_PROJECT_NAME`, one `KEY=value` line each, sorted as Go sorts strings (by UTF-8 bytes).
 */
export function interpolationEnvironment(loaded: LoadResult): string[] {
  const environment = { ...loaded.environment, COMPOSE_PROJECT_NAME: loaded.project.name };
  return Object.entries(environment)
    .map(([key, value]) => `${key}=${value}`)
    .sort(byUtf8);
}

function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
