import { constants } from "node:fs";
import { lchown, link, lstat, lutimes, mkdir, open, readlink, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { ImageContentError, UnsafeLayerError } from "../errors.js";
import type { TarEntry, TarItem } from "../tar/tar-reader.js";
import { DeferredWork, type PathMeta } from "./deferred.js";
import { finishDeferred } from "./finish-deferred.js";
import { entryComponents, symlinkEscapes, whiteoutMark } from "./safe-path.js";
import type { SpecialFiles } from "./special-files.js";

/** Where and how to apply one layer's entries. */
export interface ApplyLayerOptions {
  /** An existing, empty directory owned by this process (the unpack's temp dir). */
  dir: string;
  items: AsyncIterable<TarItem>;
  specials: SpecialFiles;
  /** chown entries to their tar uid/gid (default true; needs root). */
  preserveOwnership?: boolean;
}

/** What an apply did besides writing files. */
export interface ApplyLayerResult {
  entries: number;
  warnings: string[];
}

const createFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

function metaOf(entry: TarEntry): PathMeta {
  return { mode: entry.mode, uid: entry.uid, gid: entry.gid, mtime: entry.mtime };
}

/** Applies a layer's tar entries into `dir`, converting OCI whiteouts to overlay ones; never writes outside. */
export async function applyLayer(options: ApplyLayerOptions): Promise<ApplyLayerResult> {
  const applier = new LayerApplier(options);
  for await (const item of options.items) await applier.apply(item);
  return applier.finish();
}

class LayerApplier {
  private readonly deferred = new DeferredWork();
  private readonly realDirs = new Set<string>([""]);
  private readonly warnings: string[] = [];
  private readonly own: boolean;
  private entries = 0;

  constructor(private readonly options: ApplyLayerOptions) {
    this.own = options.preserveOwnership ?? true;
  }

  private abs(rel: string): string {
    return rel === "" ? this.options.dir : join(this.options.dir, rel);
  }

  /** Makes every parent of `parts` a real directory; refuses to pass through symlinks. */
  private async ensureParents(parts: readonly string[], entry: string, create = true): Promise<void> {
    for (let i = 1; i < parts.length; i++) {
      const rel = parts.slice(0, i).join("/");
      if (this.realDirs.has(rel)) continue;
      const st = await lstatOrUndefined(this.abs(rel));
      if (st?.isSymbolicLink()) throw new UnsafeLayerError(entry, `would write through the symlink "${rel}"`);
      if (st && !st.isDirectory())
        throw new ImageContentError(`layer entry "${entry}": "${rel}" is not a directory`);
      if (!st) {
        if (!create)
          throw new ImageContentError(`layer entry "${entry}": "${rel}" does not exist in this layer`);
        await mkdir(this.abs(rel), { mode: 0o755 });
      }
      this.realDirs.add(rel);
    }
  }

  private async removeExisting(rel: string): Promise<void> {
    this.deferred.forget(rel);
    for (const dir of [...this.realDirs])
      if (dir === rel || dir.startsWith(`${rel}/`)) this.realDirs.delete(dir);
    await rm(this.abs(rel), { recursive: true, force: true });
  }

  private keepXattrs(rel: string, entry: TarEntry): void {
    const kept = new Map<string, Buffer>();
    for (const [name, value] of entry.xattrs) {
      if (name.startsWith("trusted.overlay.")) this.warnings.push(`${entry.name}: dropped xattr ${name}`);
      else kept.set(name, value);
    }
    if (kept.size > 0) this.deferred.xattrs.set(rel, kept);
  }

  async apply({ entry, body }: TarItem): Promise<void> {
    this.entries++;
    const parts = entryComponents(entry.name);
    if (typeof parts === "string") throw new UnsafeLayerError(entry.name, parts);
    const rel = parts.join("/");
    if (parts.length === 0) {
      if (entry.type === "directory") this.deferred.dirs.set("", metaOf(entry));
      return;
    }
    const mark = whiteoutMark(parts.at(-1) ?? "");
    if (mark) return this.applyWhiteout(parts, mark, entry);
    this.deferred.nodes.delete(rel);
    await this.ensureParents(parts, entry.name);
    const path = this.abs(rel);
    switch (entry.type) {
      case "directory": {
        const st = await lstatOrUndefined(path);
        if (st && !st.isDirectory()) await this.removeExisting(rel);
        if (!st?.isDirectory()) await mkdir(path, { mode: 0o700 });
        this.realDirs.add(rel);
        this.deferred.dirs.set(rel, metaOf(entry));
        return this.keepXattrs(rel, entry);
      }
      case "file":
        await this.removeExisting(rel);
        await this.writeFile(path, entry, body);
        return this.keepXattrs(rel, entry);
      case "symlink":
        await this.removeExisting(rel);
        await symlink(entry.linkname, path);
        if (this.own) await lchown(path, entry.uid, entry.gid);
        await lutimes(path, entry.mtime, entry.mtime);
        return this.keepXattrs(rel, entry);
      case "hardlink":
        return this.applyHardlink(parts, entry);
      case "fifo":
        await this.removeExisting(rel);
        this.deferred.nodes.set(rel, { kind: "fifo", meta: metaOf(entry) });
        return;
      case "char":
      case "block":
        if (entry.type === "char" && entry.devmajor === 0 && entry.devminor === 0) {
          await this.removeExisting(rel);
          this.deferred.nodes.set(rel, {
            kind: "whiteout",
            meta: { ...metaOf(entry), mode: 0, uid: 0, gid: 0 },
          });
        } else {
          this.warnings.push(
            `${entry.name}: skipped ${entry.type} device ${entry.devmajor}:${entry.devminor}`,
          );
        }
        return;
    }
  }

  private async writeFile(path: string, entry: TarEntry, body: AsyncIterable<Buffer>): Promise<void> {
    const handle = await open(path, createFlags, 0o600);
    try {
      for await (const chunk of body) {
        let offset = 0;
        while (offset < chunk.length) offset += (await handle.write(chunk, offset)).bytesWritten;
      }
      if (this.own) await handle.chown(entry.uid, entry.gid);
      await handle.chmod(entry.mode);
      await handle.utimes(entry.mtime, entry.mtime);
    } finally {
      await handle.close();
    }
  }

  private async applyWhiteout(
    parts: string[],
    mark: NonNullable<ReturnType<typeof whiteoutMark>>,
    entry: TarEntry,
  ) {
    const parent = parts.slice(0, -1);
    if (mark.kind === "meta") {
      this.warnings.push(`${entry.name}: skipped whiteout metadata entry`);
      return;
    }
    await this.ensureParents([...parent, "_"], entry.name);
    if (mark.kind === "opaque") {
      this.deferred.opaque.add(parent.join("/"));
      return;
    }
    const target = [...parent, mark.target].join("/");
    // A whiteout hides lower layers only: an entry of this same layer at that path stays.
    if (this.deferred.nodes.has(target) || (await lstatOrUndefined(this.abs(target)))) return;
    this.deferred.nodes.set(target, {
      kind: "whiteout",
      meta: { mode: 0, uid: 0, gid: 0, mtime: entry.mtime },
    });
  }

  private async applyHardlink(parts: string[], entry: TarEntry): Promise<void> {
    const rel = parts.join("/");
    const source = entryComponents(entry.linkname);
    if (typeof source === "string") throw new UnsafeLayerError(entry.name, `hardlink target ${source}`);
    const sourceRel = source.join("/");
    if (sourceRel === rel) return;
    const pending = this.deferred.nodes.get(sourceRel);
    if (pending) {
      await this.removeExisting(rel);
      this.deferred.nodes.set(rel, pending);
      return;
    }
    await this.ensureParents(source, entry.name, false);
    const st = await lstatOrUndefined(this.abs(sourceRel));
    if (!st || source.length === 0) {
      throw new ImageContentError(
        `layer entry "${entry.name}": hardlink target "${entry.linkname}" is not in this layer`,
      );
    }
    if (st.isDirectory()) throw new UnsafeLayerError(entry.name, "hardlink to a directory");
    if (st.isSymbolicLink() && symlinkEscapes(source, await readlink(this.abs(sourceRel)))) {
      throw new UnsafeLayerError(entry.name, "hardlink to a symlink that points outside the layer");
    }
    await this.removeExisting(rel);
    await link(this.abs(sourceRel), this.abs(rel));
  }

  async finish(): Promise<ApplyLayerResult> {
    const { deferred } = this;
    const paths = [
      ...deferred.nodes.keys(),
      ...deferred.xattrs.keys(),
      ...deferred.opaque,
      ...deferred.dirs.keys(),
    ];
    // Everything queued must still sit under real directories of this layer (never behind a symlink).
    for (const rel of paths) if (rel !== "") await this.ensureParents(rel.split("/"), rel, false);
    const warnings = await finishDeferred({
      deferred,
      abs: (rel) => this.abs(rel),
      specials: this.options.specials,
      own: this.own,
    });
    return { entries: this.entries, warnings: [...this.warnings, ...warnings] };
  }
}
