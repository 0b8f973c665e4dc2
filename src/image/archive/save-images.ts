import { UsageError } from "../../shared/errors.js";
import { type Digest, digestHex } from "../digest.js";
import { ImageContentError } from "../errors.js";
import { parseReference, tryParseReference } from "../reference.js";
import type { ImageRecord, ImageStore } from "../store/image-store.js";
import { mediaTypes, refNameAnnotation } from "../store/media-types.js";
import { blockSize, paddingFor } from "../tar/tar-header.js";
import { encodeEntryHeader, padded } from "../tar/tar-writer.js";
import { containerdNameAnnotation } from "./oci-layout-format.js";

/** One image to save and the full names to save it under. */
export interface SaveEntry {
  record: ImageRecord;
  names: string[];
  manifestSize: number;
}

const blobPath = (digest: Digest) => `blobs/sha256/${digestHex(digest)}`;

/** Resolves what to save: a name saves the image under that name; an id saves it without names (as Docker). */
export async function resolveSaveEntries(store: ImageStore, names: readonly string[]): Promise<SaveEntry[]> {
  const entries = new Map<Digest, SaveEntry>();
  for (const text of names) {
    const record = await store.resolve(text);
    const ref = tryParseReference(text);
    const name =
      ref && ref.digest === undefined && record.names.includes(ref.fullName()) ? ref.fullName() : undefined;
    const manifestSize = (await store.blobs.size(record.manifestDigest)) ?? 0;
    const entry = entries.get(record.manifestDigest) ?? { record, names: [], manifestSize };
    if (name !== undefined && !entry.names.includes(name)) entry.names.push(name);
    entries.set(record.manifestDigest, entry);
  }
  return [...entries.values()].map((entry) => ({ ...entry, names: entry.names.sort() }));
}

/** index.json of the archive: one entry per (image, name), named the way Docker and containerd do. */
export function archiveIndex(entries: readonly SaveEntry[]): string {
  const manifests = entries.flatMap(({ record, names, manifestSize }) => {
    const descriptor = {
      mediaType: record.manifest.mediaType,
      digest: record.manifestDigest,
      size: manifestSize,
    };
    if (names.length === 0) return [descriptor];
    return names.map((name) => ({
      ...descriptor,
      annotations: {
        [containerdNameAnnotation]: name,
        [refNameAnnotation]: parseReference(name).tag ?? "latest",
      },
    }));
  });
  return `${JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests })}\n`;
}

/** manifest.json of the archive (`docker save`'s format), pointing into the OCI blobs. */
export function dockerManifest(entries: readonly SaveEntry[]): string {
  const list = entries.map(({ record, names }) => ({
    Config: blobPath(record.manifest.config.digest),
    RepoTags: names.length === 0 ? null : names.map((name) => parseReference(name).familiarName()),
    Layers: record.manifest.layers.map((layer) => blobPath(layer.digest)),
  }));
  return `${JSON.stringify(list)}\n`;
}

/** The legacy `repositories` file: repository → tag → top layer. */
export function repositoriesFile(entries: readonly SaveEntry[]): string {
  const repos: Record<string, Record<string, string>> = {};
  for (const { record, names } of entries) {
    const top = record.manifest.layers.at(-1);
    if (!top) continue;
    for (const name of names) {
      const ref = parseReference(name);
      const repo = ref.familiarRepository();
      repos[repo] = { ...repos[repo], [ref.tag ?? "latest"]: digestHex(top.digest) };
    }
  }
  return `${JSON.stringify(repos)}\n`;
}

function fileEntry(name: string, text: string): Buffer {
  const data = Buffer.from(text);
  return Buffer.concat([encodeEntryHeader({ name, type: "file", mode: 0o644, data }), padded(data)]);
}

async function* blobEntry(store: ImageStore, digest: Digest): AsyncGenerator<Uint8Array> {
  const size = await store.blobs.size(digest);
  if (size === undefined) throw new ImageContentError(`blob ${digest} is missing from the store`);
  yield encodeEntryHeader({ name: blobPath(digest), type: "file", mode: 0o644, size });
  let written = 0;
  for await (const chunk of await store.blobs.open(digest)) {
    written += chunk.length;
    if (written > size) break;
    yield chunk;
  }
  if (written !== size) throw new ImageContentError(`blob ${digest} changed while it was being saved`);
  yield Buffer.alloc(paddingFor(size));
}

async function* archive(store: ImageStore, entries: readonly SaveEntry[]): AsyncGenerator<Uint8Array> {
  yield encodeEntryHeader({ name: "blobs/", type: "directory", mode: 0o755 });
  yield encodeEntryHeader({ name: "blobs/sha256/", type: "directory", mode: 0o755 });
  const written = new Set<Digest>();
  for (const { record } of entries) {
    const digests = [
      ...record.manifest.layers.map((l) => l.digest),
      record.manifest.config.digest,
      record.manifestDigest,
    ];
    for (const digest of digests) {
      if (written.has(digest)) continue;
      written.add(digest);
      yield* blobEntry(store, digest);
    }
  }
  yield fileEntry("index.json", archiveIndex(entries));
  yield fileEntry("manifest.json", dockerManifest(entries));
  yield fileEntry("oci-layout", `${JSON.stringify({ imageLayoutVersion: "1.0.0" })}\n`);
  yield fileEntry("repositories", repositoriesFile(entries));
  yield Buffer.alloc(blockSize * 2);
}

/**
 * `docker save`: a tar that is both a docker-save archive (manifest.json, repositories) and an OCI image
 * layout (oci-layout, index.json, blobs/sha256), as Docker 25+ writes. Names are resolved before the
 * stream starts, so an unknown image fails here and not halfway through the bytes.
 */
export async function saveImages(
  store: ImageStore,
  names: readonly string[],
): Promise<AsyncIterable<Uint8Array>> {
  if (names.length === 0) throw new UsageError("nothing to save: name at least one image");
  const entries = await resolveSaveEntries(store, names);
  return archive(store, entries);
}
