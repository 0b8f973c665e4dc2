import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Digest } from "../digest.js";
import { ImageContentError } from "../errors.js";
import type { StagedBlob } from "../store/blob-store.js";
import { type ImageConfig, parseImageConfig } from "../store/oci-types.js";
import { decompressed, detectCompression } from "../tar/decompress.js";

/** One image an archive holds, checked and ready to commit. */
export interface PlannedImage {
  /** Full reference names to register. */
  names: string[];
  configDigest: Digest;
  manifestDigest: Digest;
  /** Staged members to move into the blob store. */
  blobs: StagedBlob[];
  /** Documents berth wrote (a manifest for a `docker save` entry), stored at commit time. */
  documents: Buffer[];
}

const maxJson = 16 * 1024 * 1024;

/** Reads a small staged member (JSON documents) with a size cap. */
export async function readStaged(staged: StagedBlob, what: string): Promise<Buffer> {
  if (staged.size > maxJson) throw new ImageContentError(`${what} is too large (${staged.size} bytes)`);
  return readFile(staged.path);
}

/** Parses JSON of unknown shape, naming the member on error. */
export function parseJsonMember(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new ImageContentError(`${what} is not valid JSON`, { cause: error });
  }
}

/** Reads and parses an image config member. */
export async function readConfigMember(staged: StagedBlob, what: string): Promise<ImageConfig> {
  return parseImageConfig(await readStaged(staged, what), what);
}

/** Whether a staged layer is gzipped (other compressions are refused when its diff id is checked). */
export async function isGzip(staged: StagedBlob): Promise<boolean> {
  const handle = createReadStream(staged.path, { start: 0, end: 5 });
  const chunks: Buffer[] = [];
  for await (const chunk of handle) chunks.push(Buffer.from(chunk));
  return detectCompression(Buffer.concat(chunks)) === "gzip";
}

/** Checks that a staged layer's uncompressed content hashes to the config's diff id. */
export async function checkDiffId(staged: StagedBlob, diffId: Digest, what: string): Promise<void> {
  if (staged.digest === diffId) return;
  const hash = createHash("sha256");
  for await (const chunk of await decompressed(createReadStream(staged.path))) hash.update(chunk);
  const actual = `sha256:${hash.digest("hex")}`;
  if (actual !== diffId) {
    throw new ImageContentError(`${what} does not match its diff id: expected ${diffId}, got ${actual}`, {
      details: { expected: diffId, actual },
    });
  }
}

/** Checks a config against its layers: counts agree and every layer hashes to its diff id. */
export async function checkLayers(
  config: ImageConfig,
  layers: readonly StagedBlob[],
  what: string,
): Promise<void> {
  if (config.diffIds.length !== layers.length) {
    throw new ImageContentError(
      `${what} has ${layers.length} layers but its config lists ${config.diffIds.length} diff ids`,
    );
  }
  for (const [i, layer] of layers.entries()) {
    await checkDiffId(layer, config.diffIds[i] as Digest, `${what} layer ${i}`);
  }
}
