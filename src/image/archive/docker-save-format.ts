import { buildManifest } from "../config/image-config.js";
import { type Digest, sha256Digest } from "../digest.js";
import { ImageContentError, InvalidReferenceError } from "../errors.js";
import { parseReference } from "../reference.js";
import type { StagedBlob } from "../store/blob-store.js";
import { mediaTypes } from "../store/media-types.js";
import {
  checkLayers,
  isGzip,
  type PlannedImage,
  parseJsonMember,
  readConfigMember,
  readStaged,
} from "./load-plan.js";
import { archivePath } from "./stage-archive.js";

/** One entry of a `docker save` manifest.json. */
export interface DockerSaveEntry {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

const hexName = /(?:^|\/)([0-9a-f]{64})(?:\.json)?$/;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** Parses manifest.json of a `docker save` archive. */
export async function readDockerManifest(files: ReadonlyMap<string, StagedBlob>): Promise<DockerSaveEntry[]> {
  const staged = files.get("manifest.json");
  if (!staged) throw new ImageContentError("archive has no manifest.json");
  const value = parseJsonMember(await readStaged(staged, "manifest.json"), "manifest.json");
  if (!Array.isArray(value)) throw new ImageContentError("manifest.json is not a JSON array");
  return value.map((item: unknown, i) => {
    const entry = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
    const { Config, RepoTags, Layers } = entry;
    if (typeof Config !== "string" || !isStringArray(Layers)) {
      throw new ImageContentError(`manifest.json entry ${i} needs a Config path and a Layers list`);
    }
    if (RepoTags !== undefined && RepoTags !== null && !isStringArray(RepoTags)) {
      throw new ImageContentError(`manifest.json entry ${i} has a malformed RepoTags list`);
    }
    return { Config, RepoTags: RepoTags ?? [], Layers };
  });
}

/** Full names of a RepoTags list; digests are refused (a tag names an image, a digest pins one). */
export function repoTagNames(tags: readonly string[]): string[] {
  return tags.map((tag) => {
    const ref = parseReference(tag);
    if (ref.digest !== undefined) throw new InvalidReferenceError(tag, "RepoTags may not hold digests");
    return ref.fullName();
  });
}

function member(files: ReadonlyMap<string, StagedBlob>, name: string, what: string): StagedBlob {
  const staged = files.get(archivePath(name));
  if (!staged) throw new ImageContentError(`${what} "${name}" is not in the archive`);
  return staged;
}

/** The image ids (config digests) manifest.json names, with their tags: a fallback for OCI names. */
export async function dockerSaveNames(
  files: ReadonlyMap<string, StagedBlob>,
): Promise<Map<Digest, string[]>> {
  const out = new Map<Digest, string[]>();
  if (!files.has("manifest.json")) return out;
  for (const entry of await readDockerManifest(files)) {
    const config = files.get(archivePath(entry.Config));
    if (config) out.set(config.digest, [...(out.get(config.digest) ?? []), ...repoTagNames(entry.RepoTags)]);
  }
  return out;
}

/** Plans the images of a `docker save` archive: configs and layers checked, an OCI manifest made for each. */
export async function planDockerSave(files: ReadonlyMap<string, StagedBlob>): Promise<PlannedImage[]> {
  const out: PlannedImage[] = [];
  for (const [i, entry] of (await readDockerManifest(files)).entries()) {
    const what = `manifest.json entry ${i}`;
    const configStaged = member(files, entry.Config, `${what} config`);
    const expected = hexName.exec(entry.Config)?.[1];
    if (expected !== undefined && configStaged.digest !== `sha256:${expected}`) {
      throw new ImageContentError(
        `${what} config "${entry.Config}" does not match its content (${configStaged.digest})`,
      );
    }
    const config = await readConfigMember(configStaged, `${what} config`);
    const layers = entry.Layers.map((path) => member(files, path, `${what} layer`));
    await checkLayers(config, layers, what);
    const layerDescriptors = [];
    for (const layer of layers) {
      const mediaType = (await isGzip(layer)) ? mediaTypes.ociLayerGzip : mediaTypes.ociLayer;
      layerDescriptors.push({ mediaType, digest: layer.digest, size: layer.size });
    }
    const manifest = buildManifest({
      config: { mediaType: mediaTypes.ociConfig, digest: configStaged.digest, size: configStaged.size },
      layers: layerDescriptors,
    });
    out.push({
      names: repoTagNames(entry.RepoTags),
      configDigest: configStaged.digest,
      manifestDigest: sha256Digest(manifest),
      blobs: [configStaged, ...layers],
      documents: [manifest],
    });
  }
  return out;
}
