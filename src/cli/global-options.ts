import type { LoadOptions } from "../app/compose-port.js";
import type { CliContext } from "./cli-context.js";

/** The options every compose command takes, as commander parses them. */
export interface GlobalOptions {
  file: string[];
  projectName?: string;
  projectDirectory?: string;
  envFile: string[];
  profile: string[];
  debug?: boolean;
}

/** Appends a repeated option's value (commander's collector for `-f a -f b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Loader options from the flags, COMPOSE_FILE and standard input (when a file is `-`). */
export async function toLoadOptions(globals: GlobalOptions, context: CliContext): Promise<LoadOptions> {
  const files = globals.file.length > 0 ? globals.file : composeFileFromEnv(context.env);
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(context.env)) if (value !== undefined) environment[key] = value;
  const options: LoadOptions = { files, cwd: context.cwd, environment };
  if (files.includes("-")) options.stdin = await context.readStdin();
  if (globals.projectName !== undefined) options.projectName = globals.projectName;
  if (globals.projectDirectory !== undefined) options.projectDirectory = globals.projectDirectory;
  if (globals.envFile.length > 0) options.envFiles = globals.envFile;
  // Without --profile the loader reads COMPOSE_PROFILES itself (it may come from the .env file).
  if (globals.profile.length > 0) options.profiles = globals.profile.flatMap(splitProfiles);
  return options;
}

/** COMPOSE_FILE split on COMPOSE_PATH_SEPARATOR (default `:`), empty entries dropped. */
export function composeFileFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const value = env.COMPOSE_FILE;
  if (value === undefined || value === "") return [];
  const separator = env.COMPOSE_PATH_SEPARATOR || ":";
  return value.split(separator).filter((f) => f !== "");
}

function splitProfiles(value: string): string[] {
  return value
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}
