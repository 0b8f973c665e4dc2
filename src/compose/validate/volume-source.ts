import { isRawMap, type RawValue } from "../tree.js";

/** The named volume a service mount uses, or undefined for binds, tmpfs and anonymous volumes. */
export function namedVolumeSource(mount: RawValue): string | undefined {
  if (isRawMap(mount)) {
    if (mount.type !== "volume" || typeof mount.source !== "string" || mount.source === "") return undefined;
    return mount.source;
  }
  if (typeof mount !== "string") return undefined;
  const parts = mount.split(":");
  if (parts.length < 2) return undefined; // `/data` alone is an anonymous volume
  const source = parts[0] ?? "";
  if (/^[a-zA-Z]$/.test(source) && /^[\\/]/.test(parts[1] ?? "")) return undefined; // `C:\data:/data`
  return isVolumeName(source) ? source : undefined;
}

/** A short-syntax source is a volume name unless it is a host path (`/…`, `./…`, `../…`, `~…`). */
function isVolumeName(source: string): boolean {
  if (source === "") return false;
  return !(source.startsWith("/") || source.startsWith(".") || source.startsWith("~"));
}
