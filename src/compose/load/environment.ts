import { resolve } from "node:path";
import { parseDotenv } from "../dotenv/index.js";
import { ComposeError } from "../errors.js";
import type { LoaderHost } from "../host.js";
import { setOwn } from "../tree.js";

/** Options for building the interpolation environment of a project. */
export interface EnvironmentOptions {
  /** The shell environment: it wins over every file. */
  shell: Readonly<Record<string, string>>;
  /** `--env-file` values (relative to `baseDir`); when empty, `<projectDirectory>/.env` if it exists. */
  envFiles: readonly string[];
  baseDir: string;
  projectDirectory: string;
}

/** Shell environment over `--env-file` files (later ones win) over the project's `.env`. */
export function resolveEnvironment(options: EnvironmentOptions, host: LoaderHost): Record<string, string> {
  const fromFiles: Record<string, string> = {};
  const lookup = (name: string): string | undefined =>
    Object.hasOwn(options.shell, name)
      ? options.shell[name]
      : Object.hasOwn(fromFiles, name)
        ? fromFiles[name]
        : undefined;
  const files =
    options.envFiles.length > 0
      ? options.envFiles.map((file) => ({ path: resolve(options.baseDir, file), required: true }))
      : [{ path: resolve(options.projectDirectory, ".env"), required: false }];
  for (const file of files) {
    if (host.isDirectory(file.path)) continue;
    const text = host.readFile(file.path);
    if (text === undefined) {
      if (file.required)
        throw new ComposeError([{ path: "", file: file.path, message: "env file not found" }]);
      continue;
    }
    for (const [key, value] of Object.entries(parseDotenv(text, { file: file.path, lookup }))) {
      setOwn(fromFiles, key, value);
    }
  }
  return { ...fromFiles, ...options.shell };
}
