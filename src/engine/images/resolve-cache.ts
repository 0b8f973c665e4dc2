import { stat } from "node:fs/promises";
import type { ImageRecord, ImageStore } from "../../image/index.js";

interface Cached {
  /** Identity of index.json when the entry was resolved (a ref change renames a new file in). */
  version: string;
  records: Map<string, Promise<ImageRecord>>;
}

const caches = new WeakMap<ImageStore, Cached>();

async function indexVersion(store: ImageStore): Promise<string> {
  try {
    const s = await stat(store.refs.path, { bigint: true });
    return `${s.ino}:${s.mtimeNs}:${s.ctimeNs}:${s.size}`;
  } catch {
    return "absent";
  }
}

/**
 * `store.resolve(name)`, remembered while `<image>/index.json` is unchanged (one stat instead of reading
 * the index and every image's manifest and config on each container create). Records are content
 * addressed, so only the name → image mapping can change, and it lives in index.json alone. Callers
 * must not mutate the returned record.
 */
export async function resolveCached(store: ImageStore, name: string): Promise<ImageRecord> {
  const version = await indexVersion(store);
  let cached = caches.get(store);
  if (cached?.version !== version) {
    cached = { version, records: new Map() };
    caches.set(store, cached);
  }
  const hit = cached.records.get(name);
  if (hit) return hit;
  const records = cached.records;
  const work = store.resolve(name);
  records.set(name, work);
  work.catch(() => records.delete(name)); // failures are not remembered
  return work;
}
