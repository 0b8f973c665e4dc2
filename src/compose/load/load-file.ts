import { dirname } from "node:path";
import { ComposeError } from "../errors.js";
import type { EnvLookup, LoaderHost } from "../host.js";
import { interpolateAndCastInPlace } from "../interpolate/index.js";
import { parseYaml } from "../parse/index.js";
import type { SourceMap } from "../source-map.js";
import { isRawMap, type RawMap } from "../tree.js";

/**
 * One compose file, parsed and interpolated, with the directory its relative paths start from.
 * `tree` shares no node with anything else (nor within itself).
 */
export interface LoadedFile {
  /** Absolute path, or `-` for stdin. */
  path: string;
  /** Relative paths in this file are relative to this directory. */
  baseDir: string;
  tree: RawMap;
  sources: SourceMap;
  /** True when the tree surely holds no `!reset`/`!override` tag (merges then skip looking for them). */
  tagFree: boolean;
}

/** What reading one file needs. */
export interface ReadFileContext {
  host: LoaderHost;
  lookup: EnvLookup;
  interpolate: boolean;
  /** Text for `-`. */
  stdin?: string;
}

/** Reads, parses and interpolates one compose file; an empty file is an error, as in Compose. */
export function readComposeFile(
  path: string,
  baseDir: string | undefined,
  context: ReadFileContext,
): LoadedFile {
  const text = path === "-" ? (context.stdin ?? "") : context.host.readFile(path);
  const display = path === "-" ? "(stdin)" : path;
  if (text === undefined) {
    throw new ComposeError([{ path: "", file: display, message: "file not found" }]);
  }
  const parsed = parseYaml(text, display);
  if (parsed.value === null) {
    throw new ComposeError([{ path: "", file: display, message: "empty compose file" }]);
  }
  if (!isRawMap(parsed.value)) {
    throw new ComposeError([{ path: "", file: display, message: "top-level object must be a mapping" }]);
  }
  // Both parse paths build a fresh tree that shares no node (aliases are expanded into copies), so
  // interpolation works in place and the loader may merge the file's tree in place.
  const found = { tags: true };
  const tree = (
    context.interpolate
      ? interpolateAndCastInPlace(parsed.value, { lookup: context.lookup, sources: parsed.sources, found })
      : parsed.value
  ) as RawMap;
  return { path, baseDir: baseDir ?? dirname(path), tree, sources: parsed.sources, tagFree: !found.tags };
}
