import { readdir, rmdir, stat } from "node:fs/promises";
import { join, posix } from "node:path";
import type { CgroupCleaner } from "../ports.js";

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function removeDir(path: string, options: { keepBusy?: boolean } = {}): Promise<void> {
  try {
    await rmdir(path);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return;
    // A cgroup dir with child cgroups (or tasks) answers EBUSY (v1) or ENOTEMPTY: it is in use
    if (options.keepBusy && (code === "EBUSY" || code === "ENOTEMPTY")) return;
    throw error;
  }
}

/** Hierarchy roots under a cgroupfs mount: each v1 controller dir and `unified` (or the root itself on v2). */
async function hierarchies(mountRoot: string): Promise<string[]> {
  if (await exists(join(mountRoot, "cgroup.controllers"))) return [mountRoot];
  const entries = await readdir(mountRoot, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() || e.isSymbolicLink())
    .map((e) => join(mountRoot, e.name))
    .sort();
}

function relative(parent: string): string {
  if (!posix.isAbsolute(parent) || parent === "/" || parent.includes("..")) {
    throw new Error(`cgroup parent "${parent}" must be absolute, not /, without ..`);
  }
  return parent.slice(1);
}

/** The cgroupfs `CgroupCleaner`: rmdir only (never removes files), leaf before parent, every hierarchy. */
export function cgroupCleaner(options: { mountRoot?: string } = {}): CgroupCleaner {
  const mountRoot = options.mountRoot ?? "/sys/fs/cgroup";
  const dirsOf = async (parent: string, id?: string): Promise<string[]> => {
    const rel = relative(parent);
    const all = (await hierarchies(mountRoot)).map((h) => (id ? join(h, rel, id) : join(h, rel)));
    const found: string[] = [];
    for (const dir of all) if (await exists(dir)) found.push(dir);
    return found;
  };
  return {
    async removeLeaf(parent: string, id: string): Promise<void> {
      for (const dir of await dirsOf(parent, id)) await removeDir(dir);
    },
    async removeParent(parent: string): Promise<void> {
      for (const dir of await dirsOf(parent)) {
        const children = await readdir(dir, { withFileTypes: true });
        for (const child of children) if (child.isDirectory()) await removeDir(join(dir, child.name));
        await removeDir(dir);
      }
    },
    async removeEmptyParent(parent: string): Promise<void> {
      for (const dir of await dirsOf(parent)) await removeDir(dir, { keepBusy: true });
    },
    remaining: dirsOf,
  };
}
