import type { Digest } from "../digest.js";
import type { ImageStore } from "./image-store.js";

/** Which images `pruneImages` may delete. */
export interface PruneOptions {
  /** True: only images without a name (`docker image prune`); false: every image not kept (`-a`). */
  dangling: boolean;
  /** Image ids in use (by containers): never deleted. */
  keep?: Iterable<Digest>;
  /** Unpacked layers in use that no kept image names (passed to gc). */
  keepLayers?: Iterable<Digest>;
}

/** What a prune removed; `reclaimedBytes` counts the blobs deleted. */
export interface PruneResult {
  /** Image ids deleted, sorted. */
  deleted: Digest[];
  /** Full names removed with them, sorted. */
  untagged: string[];
  reclaimedBytes: number;
  blobs: Digest[];
  layers: Digest[];
}

/** Deletes dangling (or all unused) images, then collects the blobs and layers nothing needs any more. */
export async function pruneImages(store: ImageStore, options: PruneOptions): Promise<PruneResult> {
  const keep = new Set(options.keep ?? []);
  const idOf = new Map<Digest, Digest>();
  for (const image of await store.list()) idOf.set(image.manifestDigest, image.id);
  const removed = await store.refs.update((entries) => {
    const named = new Set(
      entries.flatMap((entry) => (entry.name === undefined ? [] : [entry.manifest.digest])),
    );
    const doomed = new Set(
      [...idOf].flatMap(([manifest, id]) =>
        keep.has(id) || (options.dangling && named.has(manifest)) ? [] : [manifest],
      ),
    );
    const gone = entries.filter((entry) => doomed.has(entry.manifest.digest));
    return { entries: entries.filter((entry) => !doomed.has(entry.manifest.digest)), result: gone };
  });
  const sizes = new Map<Digest, number>();
  for (const digest of await store.blobs.list()) sizes.set(digest, (await store.blobs.size(digest)) ?? 0);
  const gc = await store.gc({ keepLayers: options.keepLayers ?? [] });
  const deleted = [
    ...new Set(
      removed.flatMap((entry) => {
        const id = idOf.get(entry.manifest.digest);
        return id === undefined ? [] : [id];
      }),
    ),
  ].sort();
  return {
    deleted,
    untagged: removed.flatMap((entry) => (entry.name === undefined ? [] : [entry.name])).sort(),
    reclaimedBytes: gc.blobs.reduce((sum, digest) => sum + (sizes.get(digest) ?? 0), 0),
    blobs: gc.blobs,
    layers: gc.layers,
  };
}
