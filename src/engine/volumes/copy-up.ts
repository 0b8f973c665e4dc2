import {
  chmod,
  chown,
  copyFile,
  lchown,
  link,
  lstat,
  lutimes,
  mkdir,
  readdir,
  readlink,
  symlink,
  utimes,
} from "node:fs/promises";
import { join, posix } from "node:path";

function code(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

/**
 * The host path of `target` inside `root`, following symlinks as if `root` were `/` (absolute links
 * restart at `root`, `..` never leaves it); undefined when a component is missing.
 */
export async function resolveInRoot(root: string, target: string): Promise<string | undefined> {
  let pending = posix
    .normalize(target)
    .split("/")
    .filter((part) => part !== "" && part !== ".");
  let resolved: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === "..") {
      resolved.pop();
      continue;
    }
    const candidate = join(root, ...resolved, part);
    let info: Awaited<ReturnType<typeof lstat>>;
    try {
      info = await lstat(candidate);
    } catch (error: unknown) {
      if (code(error) === "ENOENT" || code(error) === "ENOTDIR") return undefined;
      throw error;
    }
    if (!info.isSymbolicLink()) {
      resolved.push(part);
      continue;
    }
    if (++hops > 40) return undefined;
    const destination = await readlink(candidate);
    const parts = destination.split("/").filter((p) => p !== "" && p !== ".");
    if (destination.startsWith("/")) resolved = [];
    pending = [...parts, ...pending];
  }
  return join(root, ...resolved);
}

/** True when `dir` has no entries (or does not exist). */
export async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error: unknown) {
    if (code(error) === "ENOENT") return true;
    throw error;
  }
}

/** Gives `dst` the owner and mode of `src` (Docker's volume root takes the image directory's). */
export async function copyOwnerAndMode(src: string, dst: string): Promise<void> {
  const info = await lstat(src);
  await chown(dst, info.uid, info.gid);
  await chmod(dst, info.mode & 0o7777);
}

/**
 * Copies the contents of directory `src` into the existing directory `dst`, keeping modes, owners,
 * timestamps, symlinks (verbatim) and hard links; fifos, sockets and device nodes are skipped (Node has
 * no mknod), and extended attributes are not copied. Returns the paths it skipped, relative to `src`.
 */
export async function copyTree(src: string, dst: string): Promise<string[]> {
  const skipped: string[] = [];
  const links = new Map<string, string>();
  const walk = async (from: string, to: string, rel: string): Promise<void> => {
    for (const entry of (await readdir(from)).sort()) {
      const source = join(from, entry);
      const target = join(to, entry);
      const info = await lstat(source);
      if (info.isDirectory()) {
        await mkdir(target, { mode: 0o700 });
        await walk(source, target, posix.join(rel, entry));
        await chown(target, info.uid, info.gid);
        await chmod(target, info.mode & 0o7777);
        await utimes(target, info.atimeMs / 1000, info.mtimeMs / 1000);
      } else if (info.isSymbolicLink()) {
        await symlink(await readlink(source), target);
        await lchown(target, info.uid, info.gid);
        await lutimes(target, info.atimeMs / 1000, info.mtimeMs / 1000);
      } else if (info.isFile()) {
        const key = `${info.dev}:${info.ino}`;
        const first = info.nlink > 1 ? links.get(key) : undefined;
        if (first !== undefined) {
          await link(first, target);
          continue;
        }
        if (info.nlink > 1) links.set(key, target);
        await copyFile(source, target);
        await chown(target, info.uid, info.gid);
        await chmod(target, info.mode & 0o7777);
        await utimes(target, info.atimeMs / 1000, info.mtimeMs / 1000);
      } else {
        skipped.push(posix.join(rel, entry));
      }
    }
  };
  await walk(src, dst, "");
  return skipped;
}
