import { type Digest, digestHex } from "../digest.js";
import { ImageContentError } from "../errors.js";
import { tryParseReference } from "../reference.js";
import type { StagedBlob } from "../store/blob-store.js";
import { indexMediaTypes, refNameAnnotation } from "../store/media-types.js";
import { type Descriptor, looksLikeIndex, parseIndex, parseManifest } from "../store/oci-types.js";
import {
  checkLayers,
  type PlannedImage,
  parseJsonMember,
  readConfigMember,
  readStaged,
} from "./load-plan.js";

/** containerd's (and Docker's) annotation holding an image's full name in an OCI archive. */
export const containerdNameAnnotation = "io.containerd.image.name";

/** How to read an OCI layout: which platform to take from multi-platform indexes, names to fall back on. */
export interface OciPlanOptions {
  platform: { architecture: string; os: string };
  /** Names by image id (from a docker-save manifest.json in the same archive). */
  fallbackNames: ReadonlyMap<Digest, string[]>;
}

/** The full name an index entry carries: containerd's annotation, else a ref.name that is a whole reference. */
export function annotatedName(annotations: Readonly<Record<string, string>> | undefined): string | undefined {
  const full = annotations?.[containerdNameAnnotation];
  if (full !== undefined) return tryParseReference(full)?.fullName();
  const refName = annotations?.[refNameAnnotation];
  // A bare tag ("latest") names no repository: the image is then loaded without a name.
  if (refName === undefined || !/[:/]/.test(refName)) return undefined;
  const ref = tryParseReference(refName);
  return ref?.digest === undefined ? ref?.fullName() : undefined;
}

/** Looks a blob up by digest and checks its size; the member's content was hashed when staged. */
function blobOf(files: ReadonlyMap<string, StagedBlob>, descriptor: Descriptor, what: string): StagedBlob {
  const staged = files.get(`blobs/sha256/${digestHex(descriptor.digest)}`);
  if (!staged) throw new ImageContentError(`${what} ${descriptor.digest} is not in the archive`);
  if (staged.digest !== descriptor.digest || staged.size !== descriptor.size) {
    throw new ImageContentError(
      `${what} ${descriptor.digest} does not match its descriptor (got ${staged.digest}, ${staged.size} bytes)`,
    );
  }
  return staged;
}

async function pickManifest(
  files: ReadonlyMap<string, StagedBlob>,
  descriptor: Descriptor,
  options: OciPlanOptions,
  depth = 0,
): Promise<Descriptor> {
  const bytes = await readStaged(blobOf(files, descriptor, "manifest"), `manifest ${descriptor.digest}`);
  if (!indexMediaTypes.has(descriptor.mediaType) && !looksLikeIndex(bytes)) return descriptor;
  if (depth > 4) throw new ImageContentError("OCI archive indexes are nested too deeply");
  const present = parseIndex(bytes, `index ${descriptor.digest}`).manifests.filter((child) =>
    files.has(`blobs/sha256/${digestHex(child.digest)}`),
  );
  const { architecture, os } = options.platform;
  const chosen =
    present.find((child) => child.platform?.os === os && child.platform.architecture === architecture) ??
    (present.length === 1 ? present[0] : undefined);
  if (!chosen) {
    throw new ImageContentError(`index ${descriptor.digest} holds no manifest for ${os}/${architecture}`);
  }
  return pickManifest(files, chosen, options, depth + 1);
}

/** Plans the images of an OCI image layout archive (`oci-layout`, `index.json`, `blobs/sha256/…`). */
export async function planOciLayout(
  files: ReadonlyMap<string, StagedBlob>,
  options: OciPlanOptions,
): Promise<PlannedImage[]> {
  const layout = files.get("oci-layout");
  const layoutJson = layout
    ? parseJsonMember(await readStaged(layout, "oci-layout"), "oci-layout")
    : undefined;
  if (typeof layoutJson !== "object" || layoutJson === null || !("imageLayoutVersion" in layoutJson)) {
    throw new ImageContentError("archive has no valid oci-layout file");
  }
  const indexStaged = files.get("index.json");
  if (!indexStaged) throw new ImageContentError("archive has no index.json");
  const index = parseIndex(await readStaged(indexStaged, "index.json"), "index.json");
  const byManifest = new Map<Digest, PlannedImage>();
  for (const entry of index.manifests) {
    const chosen = await pickManifest(files, entry, options);
    const name = annotatedName(entry.annotations);
    const planned = byManifest.get(chosen.digest);
    if (planned) {
      if (name !== undefined && !planned.names.includes(name)) planned.names.push(name);
      continue;
    }
    const manifestStaged = blobOf(files, chosen, "manifest");
    const what = `manifest ${chosen.digest}`;
    const manifest = parseManifest(await readStaged(manifestStaged, what), what);
    const configStaged = blobOf(files, manifest.config, `${what} config`);
    const config = await readConfigMember(configStaged, `${what} config`);
    const layers = manifest.layers.map((layer) => blobOf(files, layer, `${what} layer`));
    await checkLayers(config, layers, what);
    byManifest.set(chosen.digest, {
      names: name === undefined ? [] : [name],
      configDigest: configStaged.digest,
      manifestDigest: chosen.digest,
      blobs: [...layers, configStaged, manifestStaged],
      documents: [],
    });
  }
  const out = [...byManifest.values()];
  for (const planned of out) {
    if (planned.names.length === 0)
      planned.names.push(...(options.fallbackNames.get(planned.configDigest) ?? []));
  }
  return out;
}
