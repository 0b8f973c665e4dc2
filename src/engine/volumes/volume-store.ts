import { lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BerthError, errorMessage } from "../../shared/errors.js";
import { createdAt, dataPathOf, type StoredVolume, type VolumeMeta } from "./volume-meta.js";
import { parseLocalOptions } from "./volume-options.js";

/** What a new volume is made from. */
export interface NewVolume {
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  anonymous: boolean;
}

/** What the store needs from its engine. */
export interface VolumeStoreOptions {
  /** `<root>/volumes`. */
  dir: string;
  now: () => number;
  random: (size: number) => Buffer;
}

const META = "volume.json";
const DATA = "_data";

function code(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

/** Throws a clear 400 unless a bind volume's device is an existing directory. */
export async function checkBindDevice(name: string, device: string): Promise<void> {
  try {
    if ((await stat(device)).isDirectory()) return;
  } catch (error: unknown) {
    if (code(error) !== "ENOENT") throw error;
    throw new BerthError(
      "INVALID_ARGUMENT",
      `volume ${name}: bind device ${device} does not exist (create the host directory first)`,
      { cause: error },
    );
  }
  throw new BerthError("INVALID_ARGUMENT", `volume ${name}: bind device ${device} is not a directory`);
}

/**
 * Named volumes on disk: `<dir>/<name>/_data` plus `<dir>/<name>/volume.json`. A volume is built in a
 * `.creating-*` dir and renamed into place, so a name dir always holds a complete volume; a name dir
 * without volume.json comes only from older berth versions or a crash and is handled by `cleanup`.
 */
export class VolumeStore {
  constructor(private readonly options: VolumeStoreOptions) {}

  /** The volume's own directory. */
  volumeDir(name: string): string {
    return join(this.options.dir, name);
  }

  private stored(meta: VolumeMeta): StoredVolume {
    return { meta, dataPath: dataPathOf(meta, join(this.volumeDir(meta.name), DATA)) };
  }

  /** The volume, or undefined when there is none of that name. */
  async get(name: string): Promise<StoredVolume | undefined> {
    if (name.startsWith(".") || name.includes("/")) return undefined;
    let text: string;
    try {
      text = await readFile(join(this.volumeDir(name), META), "utf8");
    } catch (error: unknown) {
      if (code(error) === "ENOENT" || code(error) === "ENOTDIR") return undefined;
      throw error;
    }
    return this.stored(JSON.parse(text) as VolumeMeta);
  }

  /** Every complete volume, sorted by name. */
  async list(): Promise<StoredVolume[]> {
    let names: string[];
    try {
      names = await readdir(this.options.dir);
    } catch (error: unknown) {
      if (code(error) === "ENOENT") return [];
      throw error;
    }
    const found = await Promise.all(names.filter((n) => !n.startsWith(".")).map((n) => this.get(n)));
    return found
      .filter((volume): volume is StoredVolume => volume !== undefined)
      .sort((a, b) => (a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0));
  }

  /** Creates the volume unless one of that name exists; `created` says which happened. */
  async create(request: NewVolume): Promise<{ volume: StoredVolume; created: boolean }> {
    const existing = await this.get(request.name);
    if (existing) return { volume: existing, created: false };
    const backing = parseLocalOptions(request.options);
    if (backing.kind === "bind") await checkBindDevice(request.name, backing.device);
    const meta: VolumeMeta = {
      name: request.name,
      driver: request.driver,
      labels: { ...request.labels },
      options: { ...request.options },
      created: createdAt(this.options.now()),
      anonymous: request.anonymous,
    };
    await mkdir(this.options.dir, { recursive: true, mode: 0o701 });
    const temp = join(this.options.dir, `.creating-${this.options.random(8).toString("hex")}`);
    try {
      await mkdir(temp, { mode: 0o701 });
      await mkdir(join(temp, DATA), { mode: 0o755 });
      await writeFile(join(temp, META), `${JSON.stringify(meta, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, this.volumeDir(request.name));
    } catch (error: unknown) {
      await rm(temp, { recursive: true, force: true });
      const raced = await this.get(request.name);
      if (raced) return { volume: raced, created: false };
      throw new BerthError("INTERNAL", `create volume ${request.name}: ${errorMessage(error)}`, {
        cause: error,
      });
    }
    return { volume: this.stored(meta), created: true };
  }

  /** Removes the volume's directory (a bind volume's device is left alone); gone at once, then deleted. */
  async remove(name: string): Promise<void> {
    const trash = join(this.options.dir, `.removing-${this.options.random(8).toString("hex")}`);
    try {
      await rename(this.volumeDir(name), trash);
    } catch (error: unknown) {
      if (code(error) === "ENOENT") return;
      throw error;
    }
    await rm(trash, { recursive: true, force: true });
  }

  /**
   * On engine start: deletes half-made (`.creating-*`) and half-removed (`.removing-*`) dirs, and name
   * dirs without volume.json whose `_data` is empty or missing; a name dir with data but no
   * volume.json (an older berth's volume) gets its volume.json. Returns the names it removed.
   */
  async cleanup(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.options.dir);
    } catch (error: unknown) {
      if (code(error) === "ENOENT") return [];
      throw error;
    }
    const removed: string[] = [];
    for (const name of names.sort()) {
      const dir = this.volumeDir(name);
      if (name.startsWith(".creating-") || name.startsWith(".removing-")) {
        await rm(dir, { recursive: true, force: true });
        removed.push(name);
        continue;
      }
      if (name.startsWith(".") || (await this.get(name))) continue;
      if (!(await lstat(dir)).isDirectory()) continue;
      const data = join(dir, DATA);
      const entries = await readdir(data).catch(() => undefined);
      if (entries !== undefined && entries.length > 0) {
        const meta: VolumeMeta = {
          name,
          driver: "local",
          labels: {},
          options: {},
          created: createdAt((await stat(data)).mtimeMs),
          // Older berth named a container's anonymous volumes `<id12>-<n>`.
          anonymous: /^[0-9a-f]{12}-\d+$/.test(name),
        };
        await writeFile(join(dir, `.${META}.tmp`), `${JSON.stringify(meta, null, 2)}\n`, { mode: 0o600 });
        await rename(join(dir, `.${META}.tmp`), join(dir, META));
        continue;
      }
      await rm(dir, { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }
}

/** Bytes of the regular files under `path` (each inode once), as Docker's SpaceReclaimed counts. */
export async function diskUsage(path: string): Promise<number> {
  const seen = new Set<string>();
  let total = 0;
  const walk = async (dir: string): Promise<void> => {
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry);
      const info = await lstat(full).catch(() => undefined);
      if (!info) continue;
      if (info.isDirectory()) await walk(full);
      else if (info.isFile()) {
        const key = `${info.dev}:${info.ino}`;
        if (seen.has(key)) continue;
        seen.add(key);
        total += info.size;
      }
    }
  };
  await walk(path);
  return total;
}
