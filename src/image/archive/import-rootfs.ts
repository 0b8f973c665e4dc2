import { createHash } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { errorMessage } from "../../shared/errors.js";
import { applyChanges } from "../config/changes.js";
import type { ContainerConfig } from "../config/container-config.js";
import { buildImageConfig, buildManifest } from "../config/image-config.js";
import type { Digest } from "../digest.js";
import { ImageContentError, InvalidReferenceError } from "../errors.js";
import { parseReference } from "../reference.js";
import type { ImageStore } from "../store/image-store.js";
import { mediaTypes } from "../store/media-types.js";
import { decompressed } from "../tar/decompress.js";
import { blockSize, isZeroBlock, parseHeader } from "../tar/tar-header.js";
import { hostPlatform } from "./host-platform.js";

/** What `importRootfs` makes an image of. */
export interface ImportRootfsOptions {
  /** A rootfs tar, plain or gzipped. */
  tar: AsyncIterable<Uint8Array>;
  /** Name to register (`busybox:latest`); without one the image is dangling. */
  reference?: string;
  config?: ContainerConfig;
  /** Dockerfile-like lines applied after `config` (`docker import --change`). */
  changes?: readonly string[];
  /** The image's creation time (the caller reads the clock). */
  now: Date;
  /** Layer blob compression (default gzip). */
  compression?: "gzip" | "none";
  /** History comment (`docker import --message`). */
  message?: string;
  /** Defaults to the host's. */
  platform?: { architecture: string; variant?: string };
}

/** The image an import made. */
export interface ImportResult {
  id: Digest;
  manifestDigest: Digest;
  diffId: Digest;
  names: string[];
}

function checkedName(reference: string | undefined): string[] {
  if (reference === undefined) return [];
  const ref = parseReference(reference);
  if (ref.digest !== undefined)
    throw new InvalidReferenceError(reference, "cannot import to a digest reference");
  return [ref.fullName()];
}

/** Hashes the plain tar (its diff id) and refuses input that does not start with a tar header. */
async function* hashedTar(
  source: AsyncIterable<Uint8Array>,
  result: { diffId?: Digest },
): AsyncGenerator<Uint8Array> {
  const hash = createHash("sha256");
  let head = Buffer.alloc(0);
  let checked = false;
  const check = () => {
    checked = true;
    if (head.length < blockSize) throw new ImageContentError("input is not a tar archive (too short)");
    const block = head.subarray(0, blockSize);
    try {
      if (!isZeroBlock(block)) parseHeader(block);
    } catch (error) {
      throw new ImageContentError(`input is not a tar archive (${errorMessage(error)})`, { cause: error });
    }
  };
  for await (const chunk of source) {
    hash.update(chunk);
    if (!checked) {
      head = Buffer.concat([head, chunk]);
      if (head.length >= blockSize) check();
    }
    yield chunk;
  }
  if (!checked) check();
  result.diffId = `sha256:${hash.digest("hex")}`;
}

/** Imports a rootfs tar as a one-layer image (`docker import`); returns its id. */
export async function importRootfs(store: ImageStore, options: ImportRootfsOptions): Promise<ImportResult> {
  const names = checkedName(options.reference);
  const config = applyChanges(options.config ?? {}, options.changes ?? []);
  const hashed: { diffId?: Digest } = {};
  const plain = hashedTar(await decompressed(options.tar), hashed);
  const gzip = (options.compression ?? "gzip") === "gzip";
  let body: AsyncIterable<Uint8Array> = plain;
  let piped: Promise<void> = Promise.resolve();
  if (gzip) {
    const zip = createGzip();
    piped = pipeline(plain, zip);
    piped.catch(() => undefined);
    body = zip;
  }
  const layer = await store.blobs.write(body);
  await piped;
  const diffId = hashed.diffId;
  if (diffId === undefined) throw new ImageContentError("rootfs stream ended early");
  const created = options.now.toISOString();
  const platform = options.platform ?? hostPlatform();
  const configBytes = buildImageConfig({
    ...platform,
    os: "linux",
    created: options.now,
    config,
    diffIds: [diffId],
    history: [
      {
        created,
        created_by: "berth image import",
        ...(options.message === undefined ? {} : { comment: options.message }),
      },
    ],
  });
  const configBlob = await store.blobs.write(configBytes);
  const manifest = buildManifest({
    config: { mediaType: mediaTypes.ociConfig, ...configBlob },
    layers: [{ mediaType: gzip ? mediaTypes.ociLayerGzip : mediaTypes.ociLayer, ...layer }],
  });
  const manifestBlob = await store.blobs.write(manifest);
  const record = await store.addImage(manifestBlob.digest, names);
  return { id: record.id, manifestDigest: record.manifestDigest, diffId, names: record.names };
}
