import { posix } from "node:path";
import { parseDotenv, parseRawEnv } from "../dotenv/index.js";
import type { EnvLookup, LoaderHost } from "../host.js";
import { goQuote } from "../interpolate/go-quote.js";
import type { RawValue, TreePath } from "../tree.js";
import { setOwn } from "../tree.js";
import type { EnvFileConfig, NullableStringMap } from "../types.js";
import { asList, asMap, type IssueCollector, scalarText, sortKeys, untag } from "./values.js";

/**
 * A `KEY[=VALUE]` list or a mapping as a map; a key without value resolves through `lookup` and stays
 * null (keepUnset) or is dropped when unset.
 */
export function environmentMap(
  value: RawValue | undefined,
  lookup: EnvLookup,
  keepUnset = true,
): NullableStringMap {
  const out: NullableStringMap = {};
  const v = untag(value);
  const put = (key: string, raw: string | null): void => {
    if (raw !== null) {
      out[key] = raw;
      return;
    }
    const found = lookup(key);
    if (found !== undefined) out[key] = found;
    else if (keepUnset) out[key] = null;
  };
  if (Array.isArray(v)) {
    for (const entry of v) {
      const text = scalarText(entry);
      const at = text.indexOf("=");
      if (at < 0) put(text, null);
      else put(text.slice(0, at), text.slice(at + 1));
    }
  } else {
    const map = asMap(v);
    for (const key of Object.keys(map)) {
      const item = untag(map[key]);
      put(key, item === null || item === undefined ? null : scalarText(item));
    }
  }
  return sortKeys(out);
}

/** The `env_file` entries in long form, paths resolved against `workingDir` when `resolvePaths`. */
export function envFileEntries(
  value: RawValue | undefined,
  resolvePath: (p: string) => string,
): EnvFileConfig[] {
  return asList(value).map((entry) => {
    const item = untag(entry);
    if (typeof item === "string") return { path: resolvePath(item), required: true };
    const map = asMap(item);
    const out: EnvFileConfig = {
      path: resolvePath(scalarText(map.path)),
      required: untag(map.required) !== false,
    };
    if (map.format !== undefined && map.format !== null) out.format = scalarText(map.format);
    return out;
  });
}

/** What folding env files into a service's environment needs. */
export interface EnvFoldContext {
  host: LoaderHost;
  lookup: EnvLookup;
  workingDir: string;
  issues: IssueCollector;
  path: TreePath;
}

/**
 * Reads each env file (later files win) and lays the explicit `environment` over them, as compose does.
 * Variables inside env files resolve against the project environment, then the service's own values,
 * then the file's earlier keys, then the values of earlier files. `format: raw` files are taken
 * literally (`docker run --env-file`'s format); any format but `raw` and `.env` is an error.
 */
export function foldEnvFiles(
  environment: NullableStringMap,
  files: readonly EnvFileConfig[],
  ctx: EnvFoldContext,
): NullableStringMap {
  const fromFiles: Record<string, string> = {};
  const lookup: EnvLookup = (name) => ctx.lookup(name) ?? environment[name] ?? undefined;
  const fallback: EnvLookup = (name) => (Object.hasOwn(fromFiles, name) ? fromFiles[name] : undefined);
  files.forEach((file, index) => {
    const absolute = posix.resolve(ctx.workingDir, file.path);
    const text = ctx.host.isDirectory(absolute) ? undefined : ctx.host.readFile(absolute);
    if (text === undefined) {
      if (file.required) ctx.issues.add([...ctx.path, index], `env file ${absolute} not found`);
      return;
    }
    const format = file.format ?? "";
    if (format !== "" && format !== ".env" && format !== "raw") {
      ctx.issues.add([...ctx.path, index, "format"], `unsupported env_file format ${goQuote(format)}`);
      return;
    }
    try {
      const values =
        format === "raw"
          ? parseRawEnv(text, lookup)
          : parseDotenv(text, { file: absolute, lookup, fallback });
      for (const [key, value] of Object.entries(values)) setOwn(fromFiles, key, value);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      const what = format === "raw" ? "failed to parse env_file" : "failed to read env file";
      ctx.issues.add([...ctx.path, index], `${what} ${absolute}: ${message}`);
    }
  });
  return sortKeys({ ...fromFiles, ...environment });
}
