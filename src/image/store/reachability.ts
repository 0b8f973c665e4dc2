import { chainIds, type Digest } from "../digest.js";
import type { BlobStore } from "./blob-store.js";
import { indexMediaTypes } from "./media-types.js";
import { looksLikeIndex, parseImageConfig, parseIndex, parseManifest } from "./oci-types.js";

/** Everything the roots keep alive: blobs (manifests, indexes, configs, layers) and unpacked layer chain ids. */
export interface Reachable {
  blobs: Set<Digest>;
  chainIds: Set<Digest>;
}

/** Walks manifests and indexes from `roots`; absent children of an index (other platforms) are skipped. */
export async function reachableFrom(blobs: BlobStore, roots: readonly Digest[]): Promise<Reachable> {
  const out: Reachable = { blobs: new Set(), chainIds: new Set() };
  const visit = async (digest: Digest, mediaType: string | undefined, required: boolean): Promise<void> => {
    if (out.blobs.has(digest)) return;
    if (!(await blobs.has(digest))) {
      if (required) out.blobs.add(digest);
      return;
    }
    out.blobs.add(digest);
    const bytes = await blobs.read(digest);
    if ((mediaType !== undefined && indexMediaTypes.has(mediaType)) || looksLikeIndex(bytes)) {
      for (const child of parseIndex(bytes).manifests) await visit(child.digest, child.mediaType, false);
      return;
    }
    const manifest = parseManifest(bytes);
    out.blobs.add(manifest.config.digest);
    for (const layer of manifest.layers) out.blobs.add(layer.digest);
    if (await blobs.has(manifest.config.digest)) {
      const config = parseImageConfig(await blobs.read(manifest.config.digest));
      for (const id of chainIds(config.diffIds)) out.chainIds.add(id);
    }
  };
  for (const root of roots) await visit(root, undefined, true);
  return out;
}
