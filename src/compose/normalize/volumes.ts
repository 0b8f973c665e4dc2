import { posix } from "node:path";
import type { RawValue } from "../tree.js";
import type { ServiceVolumeConfig } from "../types.js";
import { formatByteSize } from "./units.js";
import { asMap, copyExtensions, ordered, plain, scalarText, stringMap, untag } from "./values.js";

const VOLUME_KEYS = [
  "type",
  "source",
  "target",
  "read_only",
  "consistency",
  "bind",
  "volume",
  "tmpfs",
  "image",
];
const PROPAGATIONS = new Set(["rprivate", "private", "rshared", "shared", "rslave", "slave"]);

/** Resolves host paths: `~` against HOME, relative paths against the working directory. */
export interface PathResolver {
  /** Absolute form of a host path (unchanged when path resolution is off). */
  resolve(path: string): string;
}

/**
 * True when `posix.normalize` would return `path` unchanged and it has no trailing slash: absolute, no
 * empty segment and no segment starting with a dot (so no `.` or `..`). Most paths are; they skip it.
 */
export function isCleanPath(path: string): boolean {
  return (
    path.length > 1 &&
    path.charCodeAt(0) === 47 &&
    path.charCodeAt(path.length - 1) !== 47 &&
    !path.includes("//") &&
    !path.includes("/.")
  );
}

/** True when a short-syntax source names a host path rather than a named volume. */
export function isHostPath(source: string): boolean {
  return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
}

/** A container path as compose prints it: normalised, no trailing slash (except `/` itself). */
function cleanTarget(target: string): string {
  if (isCleanPath(target)) return target;
  return posix.normalize(target).replace(/(.)\/$/, "$1");
}

/** Parses a short volume spec (`src:dst:ro,z`, `name:/data`, `/anon`) into the long form. */
export function parseVolumeSpec(spec: string): ServiceVolumeConfig {
  if (spec.length <= 2) return { type: "volume", target: spec, volume: {} };
  const parts = spec.split(":");
  if (parts.some((p) => p === "")) throw new Error(`invalid spec: ${spec}: empty section between colons`);
  if (parts.length > 3) throw new Error(`invalid spec: ${spec}: too many colons`);
  const [first = "", second, options] = parts;
  const source = second === undefined ? undefined : first;
  const target = second === undefined ? first : second;
  let readOnly = false;
  let nocopy = false;
  const bind: { selinux?: string; propagation?: string } = {};
  for (const option of (options ?? "").split(",")) {
    if (option === "ro") readOnly = true;
    else if (option === "rw") readOnly = false;
    else if (option === "nocopy") nocopy = true;
    else if (option === "z" || option === "Z") bind.selinux = option;
    else if (PROPAGATIONS.has(option)) bind.propagation = option;
  }
  // Built in VOLUME_KEYS order directly (as `ordered` would lay it out).
  const isBind = source !== undefined && isHostPath(source);
  const out: Record<string, unknown> = { type: isBind ? "bind" : "volume" };
  if (source !== undefined) out.source = source;
  out.target = cleanTarget(target);
  if (readOnly) out.read_only = true;
  if (isBind) {
    const options: Record<string, unknown> = {};
    if (bind.selinux !== undefined) options.selinux = bind.selinux;
    if (bind.propagation !== undefined) options.propagation = bind.propagation;
    options.create_host_path = true;
    out.bind = options;
  } else {
    out.volume = nocopy ? { nocopy: true } : {};
  }
  return out as unknown as ServiceVolumeConfig;
}

function longVolume(map: Record<string, RawValue>): ServiceVolumeConfig {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(map)) {
    if (key.startsWith("x-")) continue;
    fields[key] = plain(map[key]);
  }
  if (typeof fields.target === "string") fields.target = cleanTarget(fields.target);
  if (fields.type === "bind") {
    const bind = { ...asMap(map.bind) } as Record<string, unknown>;
    if (bind.create_host_path === undefined) bind.create_host_path = true;
    fields.bind = plain(bind as Record<string, RawValue>);
  }
  if (map.volume !== undefined) {
    const volume = asMap(map.volume);
    const out = plain(volume) as Record<string, unknown>;
    if (volume.labels !== undefined) out.labels = stringMap(volume.labels);
    fields.volume = out;
  }
  if (map.tmpfs !== undefined) {
    const tmpfs = asMap(map.tmpfs);
    const out = plain(tmpfs) as Record<string, unknown>;
    const size = untag(tmpfs.size);
    if (typeof size === "string" || typeof size === "number")
      out.size = formatByteSize(size) ?? scalarText(size);
    if (typeof tmpfs.mode === "string") out.mode = Number.parseInt(tmpfs.mode, 8);
    fields.tmpfs = out;
  }
  copyExtensions(map, fields);
  return ordered<ServiceVolumeConfig>(fields, VOLUME_KEYS);
}

/** Normalises one entry of a service's `volumes`, resolving bind sources through `paths`. */
export function normalizeVolumeEntry(entry: RawValue, paths: PathResolver): ServiceVolumeConfig {
  const value = untag(entry);
  const volume = typeof value === "string" ? parseVolumeSpec(value) : longVolume(asMap(value));
  if (volume.type === "bind" && typeof volume.source === "string") {
    volume.source = paths.resolve(volume.source);
  }
  return volume;
}
