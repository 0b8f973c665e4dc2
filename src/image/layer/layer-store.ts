import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { type Digest, digestHex, isDigest } from "../digest.js";
import { ImageContentError } from "../errors.js";
import { decompressed, tap } from "../tar/decompress.js";
import { readTar } from "../tar/tar-reader.js";
import { applyLayer } from "./apply-layer.js";
import type { SpecialFiles } from "./special-files.js";

/** Where unpacked layers live and how special files are made. */
export interface LayerStoreOptions {
  /** The engine root; layers go to `<root>/layers/<chain id hex>/`. */
  root: string;
  specials: SpecialFiles;
  /** chown to the tar's uid/gid (default true). */
  preserveOwnership?: boolean;
}

/** One layer to unpack: its chain id, the diff id its uncompressed tar must hash to, and its bytes. */
export interface UnpackRequest {
  chainId: Digest;
  diffId: Digest;
  /** Opens the (maybe gzipped) layer tar; called only when the layer is not unpacked yet. */
  open: () => AsyncIterable<Uint8Array> | Promise<AsyncIterable<Uint8Array>>;
}

/** An unpacked layer directory, ready to be an overlay lowerdir. */
export interface UnpackedLayer {
  chainId: Digest;
  path: string;
  /** False when the layer was already there (or another caller unpacked it). */
  created: boolean;
  warnings: string[];
}

const tmpPrefix = ".tmp-";

/** Unpacked layers by chain id: each unpacked once, atomically (temp dir + rename), shared by all images. */
export class LayerStore {
  readonly dir: string;
  private readonly inFlight = new Map<Digest, Promise<UnpackedLayer>>();

  constructor(private readonly options: LayerStoreOptions) {
    this.dir = join(options.root, "layers");
  }

  /** Directory of a layer (named by the chain id's hex: overlay options cannot hold `:`). */
  layerPath(chainId: Digest): string {
    return join(this.dir, digestHex(chainId));
  }

  /** True when the layer is unpacked. */
  async has(chainId: Digest): Promise<boolean> {
    try {
      return (await stat(this.layerPath(chainId))).isDirectory();
    } catch {
      return false;
    }
  }

  /** Unpacks a layer unless it is there; concurrent calls for one chain id share one unpack. */
  ensure(request: UnpackRequest): Promise<UnpackedLayer> {
    const running = this.inFlight.get(request.chainId);
    if (running) return running.then((layer) => ({ ...layer, created: false, warnings: [] }));
    const work = this.unpack(request).finally(() => this.inFlight.delete(request.chainId));
    this.inFlight.set(request.chainId, work);
    return work;
  }

  private async unpack(request: UnpackRequest): Promise<UnpackedLayer> {
    const path = this.layerPath(request.chainId);
    if (await this.has(request.chainId))
      return { chainId: request.chainId, path, created: false, warnings: [] };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = join(
      this.dir,
      `${tmpPrefix}${digestHex(request.chainId).slice(0, 12)}-${randomBytes(6).toString("hex")}`,
    );
    await mkdir(tmp, { mode: 0o755 });
    try {
      const hash = createHash("sha256");
      const plain = tap(await decompressed(await request.open()), (chunk) => hash.update(chunk));
      const result = await applyLayer({
        dir: tmp,
        items: readTar(plain),
        specials: this.options.specials,
        preserveOwnership: this.options.preserveOwnership ?? true,
      });
      const actual = `sha256:${hash.digest("hex")}`;
      if (actual !== request.diffId) {
        throw new ImageContentError(`layer diff id mismatch: expected ${request.diffId}, got ${actual}`, {
          details: { expected: request.diffId, actual },
        });
      }
      return await this.publish(tmp, request.chainId, result.warnings);
    } catch (error) {
      await rm(tmp, { recursive: true, force: true });
      throw error;
    }
  }

  private async publish(tmp: string, chainId: Digest, warnings: string[]): Promise<UnpackedLayer> {
    const path = this.layerPath(chainId);
    try {
      await rename(tmp, path);
      return { chainId, path, created: true, warnings };
    } catch (error) {
      // Another process published the same chain id first: its copy is as good as ours.
      if (!(await this.has(chainId))) throw error;
      await rm(tmp, { recursive: true, force: true });
      return { chainId, path, created: false, warnings };
    }
  }

  /** Chain ids of the unpacked layers, sorted. */
  async list(): Promise<Digest[]> {
    const names = await readdir(this.dir).catch(() => []);
    return names
      .map((name) => `sha256:${name}`)
      .filter(isDigest)
      .sort();
  }

  /** Removes a layer: renamed away first so a half-deleted layer is never visible. */
  async remove(chainId: Digest): Promise<void> {
    if (!(await this.has(chainId))) return;
    const doomed = join(
      this.dir,
      `${tmpPrefix}rm-${digestHex(chainId).slice(0, 12)}-${randomBytes(6).toString("hex")}`,
    );
    await rename(this.layerPath(chainId), doomed);
    await rm(doomed, { recursive: true, force: true });
  }

  /** Removes every layer not in `keep`, and leftovers of interrupted unpacks; returns what it removed. */
  async prune(keep: ReadonlySet<Digest>): Promise<Digest[]> {
    const removed: Digest[] = [];
    for (const chainId of await this.list()) {
      if (keep.has(chainId) || this.inFlight.has(chainId)) continue;
      await this.remove(chainId);
      removed.push(chainId);
    }
    const busy = [...this.inFlight.keys()].map((id) => digestHex(id).slice(0, 12));
    for (const name of await readdir(this.dir).catch(() => [])) {
      if (!name.startsWith(tmpPrefix) || busy.some((hex) => name.startsWith(`${tmpPrefix}${hex}`))) continue;
      await rm(join(this.dir, name), { recursive: true, force: true });
    }
    return removed;
  }
}
