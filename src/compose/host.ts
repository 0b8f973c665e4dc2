/** Reads the environment variable `name`; undefined means unset (empty string means set but empty). */
export type EnvLookup = (name: string) => string | undefined;

/** The host as the compose loader sees it: synchronous, read-only, injected (the loader stays pure). */
export interface LoaderHost {
  /** Text of the file at an absolute path, or undefined when it does not exist. */
  readFile(path: string): string | undefined;
  /** True when the absolute path is an existing directory. */
  isDirectory(path: string): boolean;
}

/** Looks names up in a plain record. */
export function lookupIn(env: Readonly<Record<string, string | undefined>>): EnvLookup {
  return (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
}
