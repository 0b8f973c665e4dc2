import { type FileHandle, open, stat } from "node:fs/promises";
import type { Clock } from "../../shared/ports.js";
import { type LogStream, parseK8sRecord, splitLines } from "./k8s-log.js";

// What `docker attach` streams, read from conmon's k8s-file log: the bytes as the container wrote them
// (a `P` record is a piece without its newline, so a prompt without one shows at once), from the
// moment of attach on. The log file is opened (and created when conmon has not made it yet, as before
// the first start) before the caller is told it is attached, so nothing written after that is missed,
// and an open handle still reads a log whose container was removed (AutoRemove) meanwhile.

/** A piece of container output: bytes in the order written, with the time of its first record. */
export interface OutputPiece {
  stream: LogStream;
  time: string;
  data: Buffer;
}

/** Where and from where to follow a log, and when to stop. */
export interface FollowOptions {
  path: string;
  clock: Clock;
  /** How often the log is looked at while nothing ends the wait. */
  pollMs: number;
  /** From the log's first byte (Docker's `logs=1`) instead of its end at the moment of the call. */
  history: boolean;
  /** Settles when the output ends (the container exited): the rest of the log is read, then it ends. */
  until: Promise<unknown>;
  signal?: AbortSignal;
}

async function inode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).ino;
  } catch {
    return undefined;
  }
}

/** Turns complete records into pieces, joining neighbours of the same stream into one. */
export function piecesOf(lines: readonly string[]): OutputPiece[] {
  const out: OutputPiece[] = [];
  let open: { stream: LogStream; time: string; parts: string[] } | undefined;
  for (const line of lines) {
    const record = parseK8sRecord(line);
    if (!record) continue;
    const text = record.tag === "F" ? `${record.content}\n` : record.content;
    if (open?.stream !== record.stream) {
      if (open) out.push({ stream: open.stream, time: open.time, data: Buffer.from(open.parts.join("")) });
      open = { stream: record.stream, time: record.time, parts: [] };
    }
    open.parts.push(text);
  }
  if (open) out.push({ stream: open.stream, time: open.time, data: Buffer.from(open.parts.join("")) });
  return out.filter((piece) => piece.data.length > 0);
}

/** Reads a growing file from a position on, reopening it when conmon's size cap replaced it. */
class Follower {
  private rest: Buffer = Buffer.alloc(0);
  private readonly chunk = Buffer.alloc(256 * 1024);

  constructor(
    private readonly path: string,
    private handle: FileHandle,
    private ino: number,
    private position: number,
  ) {}

  /** Complete lines written since the last call. */
  async read(): Promise<string[]> {
    const lines = await this.drain();
    const now = await inode(this.path);
    if (now !== undefined && now !== this.ino) {
      await this.handle.close();
      this.handle = await open(this.path, "r");
      this.ino = (await this.handle.stat()).ino;
      this.position = 0;
      this.rest = Buffer.alloc(0);
      lines.push(...(await this.drain()));
    }
    return lines;
  }

  private async drain(): Promise<string[]> {
    const lines: string[] = [];
    for (;;) {
      const { bytesRead } = await this.handle.read(this.chunk, 0, this.chunk.length, this.position);
      if (bytesRead === 0) return lines;
      this.position += bytesRead;
      const split = splitLines(Buffer.concat([this.rest, this.chunk.subarray(0, bytesRead)]));
      this.rest = Buffer.from(split.rest);
      lines.push(...split.lines);
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

async function* follow(follower: Follower, options: FollowOptions): AsyncGenerator<OutputPiece> {
  let ended = false;
  const wake = new AbortController();
  const onAbort = () => wake.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  options.until.then(
    () => {
      ended = true;
      wake.abort();
    },
    () => {
      ended = true;
      wake.abort();
    },
  );
  try {
    for (;;) {
      const last = ended;
      yield* piecesOf(await follower.read());
      if (last || options.signal?.aborted) return;
      if (wake.signal.aborted) continue;
      await options.clock.sleep(options.pollMs, wake.signal).catch(() => undefined);
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await follower.close();
  }
}

/**
 * Opens the log (creating it empty when absent, never truncating) and resolves once it is open: the
 * output written from then on (all of it with `history`) until `until` settles, as pieces.
 */
export async function followLog(options: FollowOptions): Promise<AsyncIterable<OutputPiece>> {
  const handle = await open(options.path, "a+", 0o640);
  try {
    const info = await handle.stat();
    const follower = new Follower(options.path, handle, info.ino, options.history ? 0 : info.size);
    // A stream never iterated (the client left before the first read) still closes its file.
    let started = false;
    const abandoned = () => {
      if (!started) void follower.close().catch(() => undefined);
    };
    options.signal?.addEventListener("abort", abandoned, { once: true });
    return {
      [Symbol.asyncIterator]: () => {
        started = true;
        options.signal?.removeEventListener("abort", abandoned);
        return follow(follower, options);
      },
    };
  } catch (error: unknown) {
    await handle.close();
    throw error;
  }
}
