import type { VolumeInspect } from "../../api/index.js";
import { ANONYMOUS_LABEL } from "./volume-name.js";
import { parseLocalOptions } from "./volume-options.js";

/** What `<root>/volumes/<name>/volume.json` holds. */
export interface VolumeMeta {
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** RFC 3339, seconds. */
  created: string;
  anonymous: boolean;
}

/** A volume and where its data lives on the host. */
export interface StoredVolume {
  meta: VolumeMeta;
  /** `<root>/volumes/<name>/_data`, or the device of a bind volume. */
  dataPath: string;
}

/** Whether the volume was made for one container (Docker's anonymous label). */
export function isAnonymous(meta: VolumeMeta): boolean {
  return meta.anonymous || ANONYMOUS_LABEL in meta.labels;
}

/** Docker's Volume shape (GET /volumes/{name}). Pure. */
export function volumeView(volume: StoredVolume): VolumeInspect {
  const { meta } = volume;
  return {
    Name: meta.name,
    Driver: meta.driver,
    Mountpoint: volume.dataPath,
    CreatedAt: meta.created,
    Labels: Object.keys(meta.labels).length > 0 ? sortedRecord(meta.labels) : null,
    Scope: "local",
    Options: Object.keys(meta.options).length > 0 ? sortedRecord(meta.options) : null,
  };
}

/** The host path a volume's data lives at. Pure. */
export function dataPathOf(meta: VolumeMeta, ownDataDir: string): string {
  const backing = parseLocalOptions(meta.options);
  return backing.kind === "bind" ? backing.device : ownDataDir;
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** RFC 3339 in seconds, UTC (Docker's CreatedAt of volumes). */
export function createdAt(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
}
