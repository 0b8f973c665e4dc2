import { posix } from "node:path";
import { ImageContentError } from "../errors.js";
import type { BlobStore, StagedBlob } from "../store/blob-store.js";
import { readTar } from "../tar/tar-reader.js";

/** An image archive's regular files, each staged in the blob store's ingest dir and hashed. */
export interface StagedArchive {
  /** Archive path (normalized, no leading `./`) → staged file; in-archive links resolved. */
  files: ReadonlyMap<string, StagedBlob>;
  /** Deletes every staged file not committed. */
  discard(): Promise<void>;
}

/** Normalizes an archive member name; refuses absolute names and `..` (archive paths never touch the fs). */
export function archivePath(name: string): string {
  if (name.startsWith("/")) throw new ImageContentError(`archive entry "${name}" has an absolute path`);
  const parts = name.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) throw new ImageContentError(`archive entry "${name}" escapes the archive`);
  return parts.join("/");
}

/** Where an in-archive symlink points, as an archive path; refuses targets outside the archive. */
function symlinkTarget(entry: string, target: string): string {
  if (target.startsWith("/")) {
    throw new ImageContentError(`archive symlink "${entry}" points to an absolute path "${target}"`);
  }
  const joined = posix.normalize(posix.join(posix.dirname(entry), target));
  if (joined === ".." || joined.startsWith("../")) {
    throw new ImageContentError(`archive symlink "${entry}" points outside the archive ("${target}")`);
  }
  return archivePath(joined);
}

const maxLinkDepth = 16;

/**
 * Streams an image archive (plain tar) into the ingest dir. Only regular files are kept; links between
 * members (Docker's legacy `layer.tar` symlinks) become aliases and are never created on disk; device
 * nodes, FIFOs, links leaving the archive and repeated names are refused.
 */
export async function stageArchive(
  blobs: BlobStore,
  source: AsyncIterable<Uint8Array>,
): Promise<StagedArchive> {
  const files = new Map<string, StagedBlob>();
  const links = new Map<string, string>();
  const seen = new Set<string>();
  const discard = async () => {
    for (const staged of files.values()) await blobs.discard(staged);
  };
  try {
    for await (const { entry, body } of readTar(source)) {
      const name = archivePath(entry.name);
      if (entry.type === "directory") continue;
      if (name === "") throw new ImageContentError(`archive entry "${entry.name}" has an empty name`);
      if (seen.has(name)) throw new ImageContentError(`archive entry "${name}" appears twice`);
      seen.add(name);
      switch (entry.type) {
        case "file":
          files.set(name, await blobs.stage(body));
          break;
        case "symlink":
          links.set(name, symlinkTarget(name, entry.linkname));
          break;
        case "hardlink":
          links.set(name, archivePath(entry.linkname));
          break;
        default:
          throw new ImageContentError(`archive entry "${name}" is a ${entry.type}, not a file`);
      }
    }
    for (const [name, target] of links) {
      let current = target;
      for (let depth = 0; !files.has(current); depth++) {
        const next = links.get(current);
        if (next === undefined || depth >= maxLinkDepth) {
          throw new ImageContentError(`archive link "${name}" does not lead to a file in the archive`);
        }
        current = next;
      }
      const staged = files.get(current);
      if (staged) files.set(name, staged);
    }
  } catch (error) {
    await discard();
    throw error;
  }
  return { files, discard };
}
