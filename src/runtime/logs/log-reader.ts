import { type FileHandle, open, stat } from "node:fs/promises";
import type { Clock } from "../../shared/ports.js";
import { LineAssembler, type LogEntry, logTimeNs, msToNs, parseK8sRecord, splitLines } from "./k8s-log.js";

/** What to read of a container's log (Docker's `logs` options). */
export interface LogOptions {
  follow?: boolean;
  /** Only the last N lines of what is there now (then new ones when following). */
  tail?: number;
  /** Milliseconds since the epoch; lines before are skipped. */
  since?: number;
  /** Milliseconds since the epoch; lines at or after are skipped (and following stops there). */
  until?: number;
  /** Prefix each line with its time, as `docker logs -t`. */
  timestamps?: boolean;
  /** Both streams when neither is set. */
  stdout?: boolean;
  stderr?: boolean;
  signal?: AbortSignal;
}

/** Where and how to read one log file. */
export interface LogSource {
  path: string;
  clock: Clock;
  /** True once the container has exited (conmon's exit file exists): following ends after draining. */
  exited: () => Promise<boolean>;
  pollMs?: number;
  maxLineLength?: number;
}

async function inode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).ino;
  } catch {
    return undefined;
  }
}

/** Reads a file from an offset on, following conmon's size-cap rotation (a new file renamed over it). */
class Tailer {
  private handle: FileHandle | undefined;
  private ino: number | undefined;
  private rest: Buffer = Buffer.alloc(0);

  constructor(private readonly path: string) {}

  /** Complete lines written since the last call. */
  async read(): Promise<string[]> {
    if (!this.handle) {
      this.ino = await inode(this.path);
      if (this.ino === undefined) return [];
      this.handle = await open(this.path, "r");
    }
    const lines = await this.drain(this.handle);
    const now = await inode(this.path);
    if (now !== undefined && now !== this.ino) {
      await this.handle.close();
      this.handle = undefined;
      this.rest = Buffer.alloc(0);
      lines.push(...(await this.read()));
    }
    return lines;
  }

  private async drain(handle: FileHandle): Promise<string[]> {
    const lines: string[] = [];
    const chunk = Buffer.alloc(256 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return lines;
      const split = splitLines(Buffer.concat([this.rest, chunk.subarray(0, bytesRead)]));
      this.rest = Buffer.from(split.rest);
      lines.push(...split.lines);
    }
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

function wanted(entry: LogEntry, options: LogOptions): boolean {
  const both = options.stdout === undefined && options.stderr === undefined;
  if (!both && options[entry.stream] !== true) return false;
  const ns = logTimeNs(entry.time);
  if (ns === undefined) return options.since === undefined && options.until === undefined;
  if (options.since !== undefined && ns < msToNs(options.since)) return false;
  if (options.until !== undefined && ns >= msToNs(options.until)) return false;
  return true;
}

function present(entry: LogEntry, options: LogOptions): LogEntry {
  return options.timestamps ? { ...entry, line: `${entry.time} ${entry.line}` } : entry;
}

/** A container's log as entries: what is there (or its tail), then, when following, what comes. */
export async function* readLog(source: LogSource, options: LogOptions = {}): AsyncGenerator<LogEntry> {
  const tailer = new Tailer(source.path);
  const assembler = new LineAssembler({ maxLineLength: source.maxLineLength });
  const take = (lines: string[]): LogEntry[] =>
    lines.flatMap((l) => {
      const record = parseK8sRecord(l);
      return record ? assembler.push(record).filter((e) => wanted(e, options)) : [];
    });
  try {
    let exited = await source.exited();
    const first = take(await tailer.read());
    const end = !options.follow || exited ? assembler.flush().filter((e) => wanted(e, options)) : [];
    const all = [...first, ...end];
    const start = options.tail === undefined ? 0 : Math.max(0, all.length - options.tail);
    for (const entry of all.slice(start)) yield present(entry, options);
    if (!options.follow || exited) return;
    while (!options.signal?.aborted) {
      if (options.until !== undefined && source.clock.now() > options.until) return;
      exited = await source.exited();
      const more = take(await tailer.read());
      if (exited) more.push(...assembler.flush().filter((e) => wanted(e, options)));
      for (const entry of more) yield present(entry, options);
      if (exited) return;
      try {
        await source.clock.sleep(source.pollMs ?? 100, options.signal);
      } catch {
        return;
      }
    }
  } finally {
    await tailer.close();
  }
}
