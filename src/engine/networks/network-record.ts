import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { IpamPlan } from "../../network/index.js";

/** What the engine keeps about one network (`<root>/networks/<id>.json`, written atomically). */
export interface NetworkRecord {
  id: string;
  name: string;
  driver: "bridge";
  /** The kernel name of its Linux bridge. */
  bridge: string;
  /** RFC 3339 creation time. */
  created: string;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
  ipam: IpamPlan;
  mtu?: number;
  /** True for the default network "bridge" (made on first use, never removed by the API). */
  builtin: boolean;
  /** "creating" from before the bridge exists until it is up; adoption undoes what is still "creating". */
  phase: "creating" | "ready";
}

/** Network records on disk, one JSON file each, every write through a temp file and a rename. */
export class NetworkStore {
  private counter = 0;

  constructor(readonly dir: string) {}

  /** Reads every record (unreadable files are skipped), sorted by creation time then id. */
  async load(): Promise<NetworkRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const records: NetworkRecord[] = [];
    for (const name of names.sort()) {
      if (!/^[0-9a-f]{64}\.json$/.test(name)) continue;
      try {
        records.push(JSON.parse(await readFile(join(this.dir, name), "utf8")) as NetworkRecord);
      } catch {
        // a torn write cannot happen (rename); anything else unreadable is not ours to guess
      }
    }
    return records.sort((a, b) =>
      a.created === b.created ? a.id.localeCompare(b.id) : a.created < b.created ? -1 : 1,
    );
  }

  /** Writes one record atomically. */
  async save(record: NetworkRecord): Promise<void> {
    await this.writeJson(`${record.id}.json`, record);
  }

  /** Removes one record; absent is fine. */
  async remove(id: string): Promise<void> {
    await rm(join(this.dir, `${id}.json`), { force: true });
  }

  private async writeJson(name: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, name);
    const temp = `${path}.tmp-${process.pid}-${this.counter++}`;
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, path);
  }
}
