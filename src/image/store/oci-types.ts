import { type Digest, isDigest } from "../digest.js";
import { ImageContentError } from "../errors.js";
import { configMediaTypes, indexMediaTypes, manifestMediaTypes } from "./media-types.js";

/** A pointer to content: media type, digest and size. */
export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  annotations?: Record<string, string>;
  platform?: { architecture: string; os: string; variant?: string };
}

/** A single-platform image manifest (OCI or Docker schema 2). */
export interface ImageManifest {
  schemaVersion: 2;
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
}

/** A multi-platform index (OCI index or Docker manifest list). */
export interface ImageIndex {
  schemaVersion: 2;
  mediaType: string;
  manifests: Descriptor[];
}

/** The parts of an image config the store relies on; `raw` keeps the whole document. */
export interface ImageConfig {
  architecture: string;
  os: string;
  created: string | undefined;
  diffIds: Digest[];
  raw: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(bytes: Uint8Array, what: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (error) {
    throw new ImageContentError(`${what} is not valid JSON`, { cause: error });
  }
  if (!isObject(value)) throw new ImageContentError(`${what} is not a JSON object`);
  return value;
}

/** Narrows one descriptor; `what` names it in errors. */
export function parseDescriptor(value: unknown, what: string): Descriptor {
  if (!isObject(value)) throw new ImageContentError(`${what} is not a descriptor object`);
  const { mediaType, digest, size, annotations, platform } = value;
  if (typeof mediaType !== "string") throw new ImageContentError(`${what} has no mediaType`);
  if (typeof digest !== "string" || !isDigest(digest))
    throw new ImageContentError(`${what} has a bad digest`);
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    throw new ImageContentError(`${what} has a bad size`);
  }
  const out: Descriptor = { mediaType, digest, size };
  if (isObject(annotations)) {
    out.annotations = Object.fromEntries(
      Object.entries(annotations).filter(([, v]) => typeof v === "string"),
    ) as Record<string, string>;
  }
  if (isObject(platform) && typeof platform.architecture === "string" && typeof platform.os === "string") {
    out.platform = { architecture: platform.architecture, os: platform.os };
    if (typeof platform.variant === "string") out.platform.variant = platform.variant;
  }
  return out;
}

function schema2(json: Json, what: string): void {
  if (json.schemaVersion !== 2)
    throw new ImageContentError(`${what} has schemaVersion ${String(json.schemaVersion)}, expected 2`);
}

/** True when a JSON document is an index rather than a manifest. */
export function looksLikeIndex(bytes: Uint8Array): boolean {
  const json = parseJson(bytes, "document");
  return (
    (typeof json.mediaType === "string" && indexMediaTypes.has(json.mediaType)) ||
    Array.isArray(json.manifests)
  );
}

/** Parses an image manifest, OCI or Docker schema 2. */
export function parseManifest(bytes: Uint8Array, what = "manifest"): ImageManifest {
  const json = parseJson(bytes, what);
  schema2(json, what);
  const mediaType =
    typeof json.mediaType === "string" ? json.mediaType : "application/vnd.oci.image.manifest.v1+json";
  if (!manifestMediaTypes.has(mediaType))
    throw new ImageContentError(`${what} has unsupported media type ${mediaType}`);
  const config = parseDescriptor(json.config, `${what} config`);
  if (!configMediaTypes.has(config.mediaType)) {
    throw new ImageContentError(`${what} config has unsupported media type ${config.mediaType}`);
  }
  if (!Array.isArray(json.layers)) throw new ImageContentError(`${what} has no layers array`);
  const layers = json.layers.map((layer, i) => parseDescriptor(layer, `${what} layer ${i}`));
  return { schemaVersion: 2, mediaType, config, layers };
}

/** Parses an OCI index or Docker manifest list. */
export function parseIndex(bytes: Uint8Array, what = "index"): ImageIndex {
  const json = parseJson(bytes, what);
  schema2(json, what);
  const mediaType =
    typeof json.mediaType === "string" ? json.mediaType : "application/vnd.oci.image.index.v1+json";
  if (!indexMediaTypes.has(mediaType))
    throw new ImageContentError(`${what} has unsupported media type ${mediaType}`);
  if (!Array.isArray(json.manifests)) throw new ImageContentError(`${what} has no manifests array`);
  return {
    schemaVersion: 2,
    mediaType,
    manifests: json.manifests.map((m, i) => parseDescriptor(m, `${what} entry ${i}`)),
  };
}

/** Parses an image config (OCI or Docker), requiring its layer diff ids. */
export function parseImageConfig(bytes: Uint8Array, what = "image config"): ImageConfig {
  const raw = parseJson(bytes, what);
  const rootfs = raw.rootfs;
  if (!isObject(rootfs) || rootfs.type !== "layers" || !Array.isArray(rootfs.diff_ids)) {
    throw new ImageContentError(`${what} has no rootfs of type "layers"`);
  }
  const diffIds = rootfs.diff_ids.map((id, i) => {
    if (typeof id !== "string" || !isDigest(id))
      throw new ImageContentError(`${what} diff_ids[${i}] is not a sha256 digest`);
    return id;
  });
  return {
    architecture: typeof raw.architecture === "string" ? raw.architecture : "",
    os: typeof raw.os === "string" ? raw.os : "",
    created: typeof raw.created === "string" ? raw.created : undefined,
    diffIds,
    raw,
  };
}
