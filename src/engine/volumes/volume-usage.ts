import { parseBind } from "../containers/parse-binds.js";
import type { ContainerRecord } from "../state/container-record.js";

/**
 * The volumes a container uses: its volume mounts, plus the named volumes its request names (a tmpfs
 * volume becomes a tmpfs mount, so only the request still has its name). Sorted. Pure.
 */
export function volumeNamesOf(record: ContainerRecord): string[] {
  const names = new Set<string>();
  for (const mount of record.spec.mounts ?? []) if (mount.type === "volume") names.add(mount.name);
  const host = record.body.HostConfig;
  for (const mount of host?.Mounts ?? [])
    if (mount.Type === "volume" && mount.Source) names.add(mount.Source);
  for (const entry of host?.Binds ?? []) {
    try {
      const bind = parseBind(entry);
      if (bind.kind === "volume" && bind.source !== "") names.add(bind.source);
    } catch {
      // A record holds only binds that parsed when it was created.
    }
  }
  return [...names].sort();
}

/** Ids of the containers (running or not) that use the volume, sorted. Pure. */
export function volumeUsers(records: Iterable<ContainerRecord>, name: string): string[] {
  const users: string[] = [];
  for (const record of records) if (volumeNamesOf(record).includes(name)) users.push(record.id);
  return users.sort();
}
