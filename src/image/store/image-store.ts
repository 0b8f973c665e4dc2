import { join } from "node:path";
import { BerthError, NotFoundError } from "../../shared/errors.js";
import { chainIds, type Digest } from "../digest.js";
import { ImageContentError, InvalidReferenceError } from "../errors.js";
import { LayerStore, type UnpackedLayer } from "../layer/layer-store.js";
import type { SpecialFiles } from "../layer/special-files.js";
import { parseReference } from "../reference.js";
import { BlobStore } from "./blob-store.js";
import {
  type Descriptor,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  looksLikeIndex,
  parseImageConfig,
  parseIndex,
  parseManifest,
} from "./oci-types.js";
import { reachableFrom } from "./reachability.js";
import { entryDigests, RefIndex } from "./ref-index.js";

/** Where the store lives and how layers are unpacked. */
export interface ImageStoreOptions {
  /** Engine root: `<root>/image/…` and `<root>/layers/…`. */
  root: string;
  specials: SpecialFiles;
  preserveOwnership?: boolean;
}

/** One image as `list()` shows it. */
export interface ImageSummary {
  /** Image id: the config digest, as Docker shows it. */
  id: Digest;
  manifestDigest: Digest;
  /** Full reference names (`docker.io/library/busybox:latest`), sorted; empty when dangling. */
  names: string[];
  /** Config plus compressed layer sizes. */
  size: number;
  created: string | undefined;
  os: string;
  architecture: string;
}

/** An image resolved from a name or id, with its manifest and config read. */
export interface ImageRecord {
  id: Digest;
  manifestDigest: Digest;
  manifest: ImageManifest;
  config: ImageConfig;
  names: string[];
}

/** What `gc` removed. */
export interface GcResult {
  blobs: Digest[];
  layers: Digest[];
}

const idPrefix = /^(?:sha256:)?([0-9a-f]{4,64})$/;

/** The image store: content-addressed blobs (OCI layout), named refs in index.json, unpacked layers. */
export class ImageStore {
  readonly blobs: BlobStore;
  readonly refs: RefIndex;
  readonly layers: LayerStore;

  constructor(options: ImageStoreOptions) {
    const imageDir = join(options.root, "image");
    this.blobs = new BlobStore(imageDir);
    this.refs = new RefIndex(imageDir);
    this.layers = new LayerStore(options);
  }

  /** Reads a single-platform manifest (OCI or Docker schema 2). */
  async readManifest(digest: Digest): Promise<ImageManifest> {
    const bytes = await this.blobs.read(digest);
    if (looksLikeIndex(bytes)) {
      throw new ImageContentError(`${digest} is a multi-platform index, not an image manifest`);
    }
    return parseManifest(bytes, `manifest ${digest}`);
  }

  /** Reads a multi-platform index (OCI index or Docker manifest list). */
  async readIndex(digest: Digest): Promise<ImageIndex> {
    return parseIndex(await this.blobs.read(digest), `index ${digest}`);
  }

  /** Reads an image config (OCI or Docker). */
  async readConfig(digest: Digest): Promise<ImageConfig> {
    return parseImageConfig(await this.blobs.read(digest), `config ${digest}`);
  }

  private async record(manifestDigest: Digest, names: string[]): Promise<ImageRecord> {
    const manifest = await this.readManifest(manifestDigest);
    const config = await this.readConfig(manifest.config.digest);
    return { id: manifest.config.digest, manifestDigest, manifest, config, names: [...names].sort() };
  }

  private async records(): Promise<ImageRecord[]> {
    const entries = await this.refs.read();
    return Promise.all(
      entryDigests(entries).map((digest) =>
        this.record(
          digest,
          entries.flatMap((entry) => (entry.manifest.digest === digest && entry.name ? [entry.name] : [])),
        ),
      ),
    );
  }

  /** Every image, sorted by first name (dangling last) then manifest digest. */
  async list(): Promise<ImageSummary[]> {
    const summaries = (await this.records()).map((record) => ({
      id: record.id,
      manifestDigest: record.manifestDigest,
      names: record.names,
      size: record.manifest.config.size + record.manifest.layers.reduce((sum, layer) => sum + layer.size, 0),
      created: record.config.created,
      os: record.config.os,
      architecture: record.config.architecture,
    }));
    const key = (s: ImageSummary) => `${s.names[0] ?? "\uffff"}\u0000${s.manifestDigest}`;
    return summaries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  /** Finds an image by name (`busybox`, `x@sha256:…`), image id or manifest digest (a unique hex prefix will do). */
  async resolve(text: string): Promise<ImageRecord> {
    const records = await this.records();
    let ref: ReturnType<typeof parseReference> | undefined;
    try {
      ref = parseReference(text);
    } catch (error) {
      if (!idPrefix.test(text)) throw error;
    }
    if (ref?.digest !== undefined) {
      const byDigest = records.find((record) => record.manifestDigest === ref.digest);
      if (byDigest) return byDigest;
    } else if (ref) {
      const byName = records.find((record) => record.names.includes(ref.fullName()));
      if (byName) return byName;
    }
    const hex = idPrefix.exec(text)?.[1];
    if (hex !== undefined) {
      const hits = records.filter(
        (r) => r.id.slice(7).startsWith(hex) || r.manifestDigest.slice(7).startsWith(hex),
      );
      if (hits.length === 1 && hits[0]) return hits[0];
      if (hits.length > 1) {
        throw new BerthError(
          "CONFLICT",
          `image id prefix "${text}" is ambiguous (${hits.length} images match)`,
        );
      }
    }
    throw new NotFoundError(`image "${text}" not found`, { details: { image: text } });
  }

  /** Registers a manifest already in the blob store under `names` (moved from any other image); none = dangling. */
  async addImage(manifestDigest: Digest, names: readonly string[]): Promise<ImageRecord> {
    const [record] = await this.addImages([{ manifestDigest, names }]);
    if (!record) throw new ImageContentError(`image ${manifestDigest} was not registered`);
    return record;
  }

  /** Registers several images in one atomic index update: all of them or, on any error, none. */
  async addImages(
    images: readonly { manifestDigest: Digest; names: readonly string[] }[],
  ): Promise<ImageRecord[]> {
    const prepared: { record: ImageRecord; full: string[]; descriptor: Descriptor }[] = [];
    for (const image of images) {
      const record = await this.record(image.manifestDigest, []);
      for (const blob of [record.manifest.config, ...record.manifest.layers]) {
        if (!(await this.blobs.has(blob.digest)))
          throw new NotFoundError(`image ${image.manifestDigest} is missing blob ${blob.digest}`);
      }
      const full = image.names.map((name) => {
        const ref = parseReference(name);
        if (ref.digest !== undefined)
          throw new InvalidReferenceError(name, "a name to tag with cannot hold a digest");
        return ref.fullName();
      });
      const size = (await this.blobs.size(image.manifestDigest)) ?? 0;
      const descriptor = { mediaType: record.manifest.mediaType, digest: image.manifestDigest, size };
      prepared.push({ record, full, descriptor });
    }
    const finalNames = await this.refs.update((entries) => {
      let next = entries;
      for (const { full, descriptor } of prepared) {
        const digest = descriptor.digest;
        const kept = next.filter((entry) => !(entry.name !== undefined && full.includes(entry.name)));
        const withoutDangling = kept.filter(
          (entry) => !(entry.name === undefined && entry.manifest.digest === digest),
        );
        const has = withoutDangling.some((entry) => entry.manifest.digest === digest);
        const added = full.map((name) => ({ name, manifest: descriptor }));
        next = [...withoutDangling, ...added];
        if (!has && added.length === 0) next.push({ name: undefined, manifest: descriptor });
      }
      const result = prepared.map(({ descriptor }) =>
        next.flatMap((entry) =>
          entry.manifest.digest === descriptor.digest && entry.name ? [entry.name] : [],
        ),
      );
      return { entries: next, result };
    });
    return prepared.map(({ record }, i) => ({ ...record, names: (finalNames[i] ?? []).sort() }));
  }

  /** Gives the image that `source` resolves to the extra name `target`. */
  async tag(source: string, target: string): Promise<void> {
    const record = await this.resolve(source);
    await this.addImage(record.manifestDigest, [target]);
  }

  /** Removes one name; returns true when that was the image's last name (the image is then gone). */
  async untag(name: string): Promise<boolean> {
    const full = parseReference(name).fullName();
    return this.refs.update((entries) => {
      const entry = entries.find((e) => e.name === full);
      if (!entry) throw new NotFoundError(`image "${name}" not found`, { details: { image: name } });
      const next = entries.filter((e) => e !== entry);
      return { entries: next, result: !next.some((e) => e.manifest.digest === entry.manifest.digest) };
    });
  }

  /** Removes an image and all its names; returns the names removed. Blobs go at the next `gc`. */
  async remove(text: string): Promise<string[]> {
    const record = await this.resolve(text);
    return this.refs.update((entries) => ({
      entries: entries.filter((entry) => entry.manifest.digest !== record.manifestDigest),
      result: record.names,
    }));
  }

  /** Unpacks an image's layers (each chain id once) and returns them lowest first. */
  async unpack(text: string): Promise<UnpackedLayer[]> {
    const record = await this.resolve(text);
    const { layers } = record.manifest;
    const { diffIds } = record.config;
    if (layers.length !== diffIds.length) {
      throw new ImageContentError(
        `image ${record.id} has ${layers.length} layers but ${diffIds.length} diff ids`,
      );
    }
    const chain = chainIds(diffIds);
    const out: UnpackedLayer[] = [];
    for (const [i, layer] of layers.entries()) {
      const chainId = chain[i] as Digest;
      const diffId = diffIds[i] as Digest;
      out.push(await this.layers.ensure({ chainId, diffId, open: () => this.blobs.open(layer.digest) }));
    }
    return out;
  }

  /** Deletes blobs and unpacked layers no named or dangling image needs (plus `keepLayers`, e.g. in use). */
  async gc(options: { keepLayers?: Iterable<Digest> } = {}): Promise<GcResult> {
    const reachable = await reachableFrom(this.blobs, entryDigests(await this.refs.read()));
    const blobs: Digest[] = [];
    for (const digest of await this.blobs.list()) {
      if (reachable.blobs.has(digest)) continue;
      await this.blobs.delete(digest);
      blobs.push(digest);
    }
    await this.blobs.clearIngest();
    const keep = new Set([...reachable.chainIds, ...(options.keepLayers ?? [])]);
    return { blobs, layers: await this.layers.prune(keep) };
  }
}
