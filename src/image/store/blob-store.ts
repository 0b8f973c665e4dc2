import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { NotFoundError } from "../../shared/errors.js";
import { type Digest, digestHex, isDigest } from "../digest.js";
import { ImageContentError } from "../errors.js";

/** What a written blob must be; both checked after the last byte. */
export interface ExpectedBlob {
  digest: Digest;
  size?: number;
}

/** Content written to the ingest directory and hashed, not yet in the store. */
export interface StagedBlob {
  path: string;
  digest: Digest;
  size: number;
}

/** The content-addressed blob store: `<image>/blobs/sha256/<hex>`, written through `<image>/ingest/`. */
export class BlobStore {
  readonly dir: string;
  private readonly ingest: string;
  /** Staged files of this process not yet committed or discarded: `clearIngest` leaves them alone. */
  private readonly active = new Set<string>();

  constructor(imageDir: string) {
    this.dir = join(imageDir, "blobs", "sha256");
    this.ingest = join(imageDir, "ingest");
  }

  /** Path of a blob. */
  path(digest: Digest): string {
    return join(this.dir, digestHex(digest));
  }

  /** Size of a blob, or undefined when it is absent. */
  async size(digest: Digest): Promise<number | undefined> {
    try {
      return (await stat(this.path(digest))).size;
    } catch {
      return undefined;
    }
  }

  /** True when the blob is present. */
  async has(digest: Digest): Promise<boolean> {
    return (await this.size(digest)) !== undefined;
  }

  /** Whole blob, checked against its digest (for small JSON blobs). */
  async read(digest: Digest): Promise<Buffer> {
    let data: Buffer;
    try {
      data = await readFile(this.path(digest));
    } catch (error) {
      throw new NotFoundError(`blob ${digest} is not in the store`, { cause: error, details: { digest } });
    }
    const actual = `sha256:${createHash("sha256").update(data).digest("hex")}`;
    if (actual !== digest)
      throw new ImageContentError(`blob ${digest} is corrupt (content hashes to ${actual})`);
    return data;
  }

  /** Streams a blob (layers: their diff id is checked while unpacking). */
  async open(digest: Digest): Promise<AsyncIterable<Uint8Array>> {
    if (!(await this.has(digest)))
      throw new NotFoundError(`blob ${digest} is not in the store`, { details: { digest } });
    return createReadStream(this.path(digest));
  }

  /** Stores content, verifying digest and size; returns early (without reading) if `expected` is present. */
  async write(
    source: Uint8Array | AsyncIterable<Uint8Array>,
    expected?: ExpectedBlob,
  ): Promise<{ digest: Digest; size: number }> {
    if (expected && (await this.has(expected.digest))) {
      return { digest: expected.digest, size: (await this.size(expected.digest)) ?? 0 };
    }
    const staged = await this.stage(source);
    try {
      if (
        expected &&
        (staged.digest !== expected.digest || (expected.size !== undefined && expected.size !== staged.size))
      ) {
        throw new ImageContentError(
          `blob does not match its descriptor: expected ${expected.digest} (${expected.size ?? "?"} bytes), got ${staged.digest} (${staged.size} bytes)`,
          { details: { expected: expected.digest, actual: staged.digest } },
        );
      }
      await this.commit(staged);
      return { digest: staged.digest, size: staged.size };
    } catch (error) {
      await this.discard(staged);
      throw error;
    }
  }

  /** Writes content to a private ingest file and hashes it; `commit` or `discard` it afterwards. */
  async stage(source: Uint8Array | AsyncIterable<Uint8Array>): Promise<StagedBlob> {
    await mkdir(this.ingest, { recursive: true, mode: 0o700 });
    const tmp = join(this.ingest, randomBytes(8).toString("hex"));
    this.active.add(tmp);
    try {
      const hash = createHash("sha256");
      let size = 0;
      const handle = await open(tmp, "wx", 0o644);
      try {
        for await (const chunk of source instanceof Uint8Array ? [source] : source) {
          hash.update(chunk);
          size += chunk.length;
          let offset = 0;
          while (offset < chunk.length) offset += (await handle.write(chunk, offset)).bytesWritten;
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      return { path: tmp, digest: `sha256:${hash.digest("hex")}`, size };
    } catch (error) {
      await rm(tmp, { force: true });
      this.active.delete(tmp);
      throw error;
    }
  }

  /** Moves a staged file into the store under the digest it was hashed to (once; later calls are no-ops). */
  async commit(staged: StagedBlob): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o755 });
    try {
      await rename(staged.path, this.path(staged.digest));
    } catch (error) {
      if (!(await this.has(staged.digest))) throw error;
    }
    this.active.delete(staged.path);
  }

  /** Deletes a staged file that will not be committed. */
  async discard(staged: StagedBlob): Promise<void> {
    await rm(staged.path, { force: true });
    this.active.delete(staged.path);
  }

  /** Digests of every stored blob, sorted. */
  async list(): Promise<Digest[]> {
    const names = await readdir(this.dir).catch(() => []);
    return names
      .map((name) => `sha256:${name}`)
      .filter(isDigest)
      .sort();
  }

  /** Deletes a blob (absent is fine). */
  async delete(digest: Digest): Promise<void> {
    await rm(this.path(digest), { force: true });
  }

  /** Deletes leftovers of interrupted writes; files this store instance is still staging are kept. */
  async clearIngest(): Promise<void> {
    for (const name of await readdir(this.ingest).catch(() => [])) {
      const path = join(this.ingest, name);
      if (!this.active.has(path)) await rm(path, { force: true });
    }
  }
}
