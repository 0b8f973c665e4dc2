import { isRawMap, type RawValue } from "../tree.js";
import { getKey } from "./raw-map.js";
import { entryKey } from "./sequence-forms.js";

/**
 * The identity of a list item for de-duplication: a later item with the same key replaces the
 * earlier one in place. `undefined` means "no identity": the item is always kept.
 */
export type UniqueKey = (item: RawValue) => string | undefined;

function stringAt(item: RawValue, key: string): string | undefined {
  if (!isRawMap(item)) return undefined;
  const value = getKey(item, key);
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** `KEY=value` items are unique by `KEY`; plain strings by themselves. */
export const byEntryKey: UniqueKey = (item) => entryKey(item);

/** Splits a short volume spec on `:`, keeping a Windows drive letter (`C:\data`) in one part. */
export function splitVolumeSpec(spec: string): string[] {
  const raw = spec.split(":");
  const parts: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = raw[i] ?? "";
    const next = raw[i + 1];
    if (/^[A-Za-z]$/.test(part) && next !== undefined && /^[\\/]/.test(next)) {
      parts.push(`${part}:${next}`);
      i++;
    } else {
      parts.push(part);
    }
  }
  return parts;
}

/** Service volumes are unique by mount target (`src:/target[:mode]`, `/anonymous`, or `target:`). */
export const byVolumeTarget: UniqueKey = (item) => {
  if (typeof item === "string") {
    const parts = splitVolumeSpec(item);
    if (parts.some((p) => p === "")) return undefined;
    return parts.length === 1 ? parts[0] : parts[1];
  }
  return stringAt(item, "target");
};

/** Devices are unique by the path inside the container (`host[:container[:perms]]`). */
export const byDeviceTarget: UniqueKey = (item) => {
  if (typeof item === "string") {
    const parts = item.split(":");
    return parts.length === 1 ? parts[0] : parts[1];
  }
  return stringAt(item, "target");
};

/** Secrets and configs are unique by target, which defaults to `<dir>/<source>`. */
export function byMountTarget(dir: string): UniqueKey {
  return (item) => {
    if (typeof item === "string") return `${dir}/${item}`;
    const target = stringAt(item, "target");
    if (target !== undefined) return target;
    const source = stringAt(item, "source");
    return source === undefined ? undefined : `${dir}/${source}`;
  };
}

/** Ports: short forms by their text, long forms by `host_ip:published:target/protocol`. */
export const byPort: UniqueKey = (item) => {
  if (typeof item === "string" || typeof item === "number") return String(item);
  const target = stringAt(item, "target");
  if (target === undefined) return undefined;
  const host = stringAt(item, "host_ip") ?? "0.0.0.0";
  const published = stringAt(item, "published") ?? "";
  const protocol = stringAt(item, "protocol") ?? "tcp";
  return `${host}:${published}:${target}/${protocol}`;
};

/** `expose` items are unique by their text. */
export const byExpose: UniqueKey = (item) =>
  typeof item === "string" || typeof item === "number" ? String(item) : undefined;

/** `env_file` items are unique by path (`foo.env` or `{path: foo.env}`). */
export const byEnvFilePath: UniqueKey = (item) => (typeof item === "string" ? item : stringAt(item, "path"));
