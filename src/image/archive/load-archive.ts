import { type Digest, digestHex } from "../digest.js";
import { ImageContentError } from "../errors.js";
import { parseReference } from "../reference.js";
import type { ImageStore } from "../store/image-store.js";
import { decompressed } from "../tar/decompress.js";
import { dockerSaveNames, planDockerSave } from "./docker-save-format.js";
import { hostPlatform } from "./host-platform.js";
import type { PlannedImage } from "./load-plan.js";
import { planOciLayout } from "./oci-layout-format.js";
import { stageArchive } from "./stage-archive.js";

/** One image a load registered. */
export interface LoadedImage {
  id: Digest;
  manifestDigest: Digest;
  /** Full reference names the archive gave it, sorted; empty when it named none. */
  names: string[];
}

/** What `loadArchive` did, with Docker's output lines (`Loaded image: busybox:latest`). */
export interface LoadResult {
  format: "oci" | "docker";
  images: LoadedImage[];
  messages: string[];
}

/** Options of `loadArchive`. */
export interface LoadOptions {
  /** Platform to take from multi-platform indexes (default: the host's, linux). */
  platform?: { architecture: string; os: string };
}

function messagesOf(images: readonly LoadedImage[]): string[] {
  return images.flatMap((image) =>
    image.names.length === 0
      ? [`Loaded image ID: ${image.id}`]
      : image.names.map((name) => `Loaded image: ${parseReference(name).familiarName()}`),
  );
}

/**
 * Loads a `docker save` or OCI layout archive (plain or gzipped tar). Everything is staged and checked
 * (digests, sizes, diff ids) before the first blob enters the store, and all images are registered in
 * one index update, so a failed load registers nothing. An archive that is both (as modern Docker
 * writes) is read through its OCI index, with manifest.json's RepoTags naming entries the index leaves
 * unnamed.
 */
export async function loadArchive(
  store: ImageStore,
  stream: AsyncIterable<Uint8Array>,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const staged = await stageArchive(store.blobs, await decompressed(stream));
  try {
    for (const [name, file] of staged.files) {
      const match = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(name);
      if (match && file.digest !== `sha256:${match[1]}`) {
        throw new ImageContentError(
          `archive blob ${name} does not match its digest (content is ${file.digest})`,
        );
      }
      if (name.startsWith("blobs/sha256/") && !match) {
        throw new ImageContentError(`archive entry ${name} is not named by a sha256 digest`);
      }
    }
    const isOci = staged.files.has("index.json") && staged.files.has("oci-layout");
    if (!isOci && !staged.files.has("manifest.json")) {
      throw new ImageContentError(
        "archive is neither a docker save archive (manifest.json) nor an OCI layout",
      );
    }
    const platform = options.platform ?? { os: "linux", architecture: hostPlatform().architecture };
    const plans: PlannedImage[] = isOci
      ? await planOciLayout(staged.files, { platform, fallbackNames: await dockerSaveNames(staged.files) })
      : await planDockerSave(staged.files);
    const seen = new Set<string>();
    for (const name of plans.flatMap((plan) => plan.names)) {
      if (seen.has(name)) throw new ImageContentError(`archive gives the name ${name} to two images`);
      seen.add(name);
    }
    for (const plan of plans) {
      for (const blob of plan.blobs) await store.blobs.commit(blob);
      for (const document of plan.documents) await store.blobs.write(document);
    }
    const records = await store.addImages(
      plans.map((plan) => ({ manifestDigest: plan.manifestDigest, names: plan.names })),
    );
    const images = records.map((record, i) => ({
      id: record.id,
      manifestDigest: record.manifestDigest,
      names: [...new Set(plans[i]?.names ?? [])].sort(),
    }));
    return { format: isOci ? "oci" : "docker", images, messages: messagesOf(images) };
  } finally {
    await staged.discard();
  }
}

/** The blob path of a digest inside an OCI layout. */
export function layoutBlobPath(digest: Digest): string {
  return `blobs/sha256/${digestHex(digest)}`;
}
