import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Digest } from "../digest.js";
import { ImageContentError } from "../errors.js";
import { writeFileAtomic } from "./atomic-file.js";
import { mediaTypes, refNameAnnotation } from "./media-types.js";
import { type Descriptor, parseIndex } from "./oci-types.js";

/** One image the store keeps: its manifest and, unless dangling, one full reference name. */
export interface RefEntry {
  name: string | undefined;
  manifest: Descriptor;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

function sortEntries(entries: RefEntry[]): RefEntry[] {
  const key = (entry: RefEntry) => `${entry.name ?? ""}\u0000${entry.manifest.digest}`;
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** `<image>/index.json`: an OCI image index whose entries name images by `org.opencontainers.image.ref.name`. */
export class RefIndex {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly imageDir: string) {
    this.path = join(imageDir, "index.json");
  }

  /** Current entries, sorted by name then digest. */
  async read(): Promise<RefEntry[]> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if (errorCode(error) === "ENOENT") return [];
      throw error;
    }
    const index = parseIndex(bytes, this.path);
    return sortEntries(
      index.manifests.map((manifest) => {
        const { [refNameAnnotation]: name, ...rest } = manifest.annotations ?? {};
        const clean: Descriptor = {
          mediaType: manifest.mediaType,
          digest: manifest.digest,
          size: manifest.size,
        };
        if (Object.keys(rest).length > 0) clean.annotations = rest;
        if (manifest.platform) clean.platform = manifest.platform;
        return { name, manifest: clean };
      }),
    );
  }

  /** Applies `change` to the entries and writes the result atomically; changes run one at a time. */
  update<T>(change: (entries: RefEntry[]) => { entries: RefEntry[]; result: T }): Promise<T> {
    const run = this.queue.then(async () => {
      const { entries, result } = change(await this.read());
      await this.write(entries);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(entries: RefEntry[]): Promise<void> {
    const names = entries.flatMap((entry) => (entry.name === undefined ? [] : [entry.name]));
    if (new Set(names).size !== names.length)
      throw new ImageContentError("index.json would hold a name twice");
    await mkdir(this.imageDir, { recursive: true });
    await writeFileAtomic(
      join(this.imageDir, "oci-layout"),
      `${JSON.stringify({ imageLayoutVersion: "1.0.0" })}\n`,
    );
    const manifests = sortEntries(entries).map(({ name, manifest }) => {
      const annotations = {
        ...manifest.annotations,
        ...(name === undefined ? {} : { [refNameAnnotation]: name }),
      };
      return { ...manifest, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) };
    });
    const index = { schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests };
    await writeFileAtomic(this.path, `${JSON.stringify(index, null, 2)}\n`);
  }
}

/** Digests named by a set of entries, deduplicated and sorted. */
export function entryDigests(entries: readonly RefEntry[]): Digest[] {
  return [...new Set(entries.map((entry) => entry.manifest.digest))].sort();
}
