import { isAbsolute, join, relative } from "node:path";
import { isRemoteContext } from "../normalize/paths.js";
import { isRawMap, type RawMap, type RawValue } from "../tree.js";

/** Moves a path written relative to `from` so that it is relative to `to` (absolute paths stay). */
export function rebasePath(path: string, from: string, to: string): string {
  if (isAbsolute(path) || path.startsWith("~") || from === to) return path;
  return relative(to, join(from, path)) || ".";
}

/** Like rebasePath, but keeps a leading `./` so short volume syntax still reads as a bind mount. */
function rebaseBindSource(path: string, from: string, to: string): string {
  if (isAbsolute(path) || path.startsWith("~") || from === to) return path;
  const moved = rebasePath(path, from, to);
  return moved.startsWith(".") ? moved : `./${moved}`;
}

function isRelativeBindSource(source: string): boolean {
  return source === "." || source === ".." || source.startsWith("./") || source.startsWith("../");
}

/** Rewrites every relative host path of a raw service definition from one base directory to another. */
export function rebaseServicePaths(service: RawMap, from: string, to: string): RawMap {
  if (from === to) return service;
  const out: RawMap = { ...service };
  const build = out.build;
  if (typeof build === "string" && !isRemoteContext(build)) out.build = rebasePath(build, from, to);
  else if (isRawMap(build) && typeof build.context === "string" && !isRemoteContext(build.context)) {
    out.build = { ...build, context: rebasePath(build.context, from, to) };
  } else if (isRawMap(build) && build.context === undefined) {
    out.build = { ...build, context: rebasePath(".", from, to) };
  }
  if (out.env_file !== undefined) out.env_file = rebaseEnvFiles(out.env_file, from, to);
  if (out.label_file !== undefined) out.label_file = rebaseEnvFiles(out.label_file, from, to);
  if (Array.isArray(out.volumes)) out.volumes = out.volumes.map((volume) => rebaseVolume(volume, from, to));
  const develop = out.develop;
  if (isRawMap(develop) && Array.isArray(develop.watch)) {
    out.develop = {
      ...develop,
      watch: develop.watch.map((rule) =>
        isRawMap(rule) && typeof rule.path === "string"
          ? { ...rule, path: rebasePath(rule.path, from, to) }
          : rule,
      ),
    };
  }
  return out;
}

function rebaseEnvFiles(value: RawValue, from: string, to: string): RawValue {
  if (typeof value === "string") return rebasePath(value, from, to);
  if (Array.isArray(value)) return value.map((entry) => rebaseEnvFiles(entry, from, to));
  if (isRawMap(value) && typeof value.path === "string")
    return { ...value, path: rebasePath(value.path, from, to) };
  return value;
}

function rebaseVolume(volume: RawValue, from: string, to: string): RawValue {
  if (typeof volume === "string") {
    const colon = volume.indexOf(":");
    if (colon <= 0) return volume;
    const source = volume.slice(0, colon);
    if (!isRelativeBindSource(source)) return volume;
    return rebaseBindSource(source, from, to) + volume.slice(colon);
  }
  if (isRawMap(volume) && volume.type === "bind" && typeof volume.source === "string") {
    return { ...volume, source: rebaseBindSource(volume.source, from, to) };
  }
  return volume;
}

/** Rewrites the `file` of top-level secrets or configs from one base directory to another. */
export function rebaseFileResources(section: RawMap, from: string, to: string): RawMap {
  const out: RawMap = {};
  for (const [name, definition] of Object.entries(section)) {
    out[name] =
      isRawMap(definition) && typeof definition.file === "string"
        ? { ...definition, file: rebasePath(definition.file, from, to) }
        : definition;
  }
  return out;
}
