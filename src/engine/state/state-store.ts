import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ContainerRecord } from "./container-record.js";

/** What `load` found: complete records, and ids of directories without a readable record. */
export interface LoadedState {
  records: ContainerRecord[];
  broken: string[];
}

/** Container records on disk: `<dir>/<id>/state.json`, each written through a temp file and a rename. */
export class StateStore {
  private readonly writes = new Map<string, Promise<void>>();
  private counter = 0;
  /** Ids whose directory this store made or wrote into (no mkdir per save). */
  private readonly made = new Set<string>();

  constructor(readonly dir: string) {}

  /** The directory of one container's record (also holds its generated /etc files). */
  containerDir(id: string): string {
    return join(this.dir, id);
  }

  /** Makes the directory of one container's record (its /etc files go there too). */
  async makeDir(id: string): Promise<void> {
    await mkdir(this.containerDir(id), { recursive: true, mode: 0o700 });
    this.made.add(id);
  }

  /** Reads every record, sorted by creation time then id. */
  async load(): Promise<LoadedState> {
    let ids: string[];
    try {
      ids = (await readdir(this.dir, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { records: [], broken: [] };
      throw error;
    }
    const records: ContainerRecord[] = [];
    const broken: string[] = [];
    for (const id of ids.sort()) {
      try {
        const record = JSON.parse(
          await readFile(join(this.dir, id, "state.json"), "utf8"),
        ) as ContainerRecord;
        if (record.id !== id) throw new Error("id mismatch");
        records.push({ ...record, execIds: [] });
      } catch {
        broken.push(id);
      }
    }
    records.sort((a, b) =>
      a.created === b.created ? a.id.localeCompare(b.id) : a.created < b.created ? -1 : 1,
    );
    return { records, broken };
  }

  /**
   * Writes one record atomically. Writes of one id run in order, each taking the record as it is when
   * its turn comes, so the file always ends with the latest state.
   */
  save(record: ContainerRecord): Promise<void> {
    const previous = this.writes.get(record.id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.write(record));
    this.writes.set(record.id, next);
    void next
      .catch(() => undefined)
      .then(() => {
        if (this.writes.get(record.id) === next) this.writes.delete(record.id);
      });
    return next;
  }

  private async write(record: ContainerRecord): Promise<void> {
    const dir = this.containerDir(record.id);
    if (!this.made.has(record.id)) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      this.made.add(record.id);
    }
    const path = join(dir, "state.json");
    const temp = `${path}.tmp-${process.pid}-${this.counter++}`;
    const { execIds: _execs, ...kept } = record;
    await writeFile(temp, `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, path);
  }

  /** Removes a record and its directory; absent is fine. */
  async remove(id: string): Promise<void> {
    await this.writes.get(id)?.catch(() => undefined);
    this.made.delete(id);
    await rm(this.containerDir(id), { recursive: true, force: true });
  }
}
