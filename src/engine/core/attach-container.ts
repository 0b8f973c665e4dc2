import type { LogChunk } from "../../api/index.js";
import type { OutputPiece } from "../../runtime/index.js";
import type { AttachOptions, LogStream } from "../backend.js";
import { type EngineCore, findRecord, nextChange } from "./engine-core.js";

/**
 * Resolves at the container's next exit after this call (also one a restart policy takes over), when
 * it is removed, or when `signal` aborts: what ends an attach. A container that is not running yet
 * (attached before its start, as `docker run` does) ends at the exit of the run that follows.
 */
async function nextExit(core: EngineCore, id: string, signal: AbortSignal): Promise<void> {
  const record = findRecord(core, id);
  const exits = core.exitCounts.get(record.id) ?? 0;
  while (!signal.aborted) {
    if (core.records.get(record.id) !== record) return;
    if ((core.exitCounts.get(record.id) ?? 0) !== exits) return;
    await nextChange(core, record.id, signal).catch(() => undefined);
  }
}

async function* nothing(): AsyncGenerator<OutputPiece> {}

async function* chunks(pieces: AsyncIterable<OutputPiece>, options: AttachOptions): AsyncGenerator<LogChunk> {
  for await (const piece of pieces) {
    if (piece.stream === "stdout" ? options.stdout : options.stderr) yield piece;
  }
}

/** POST /containers/{id}/attach: conmon's log from now (or from its start with `logs`) to the next exit. */
export async function attachContainer(
  core: EngineCore,
  id: string,
  options: AttachOptions,
  signal: AbortSignal,
): Promise<LogStream> {
  const record = findRecord(core, id);
  const tty = record.body.Tty === true;
  if (!options.logs && !options.stream) return { tty, chunks: chunks(nothing(), options) };
  const until = options.stream ? nextExit(core, record.id, signal) : Promise.resolve();
  const pieces = await core.runtime.attachOutput(record.id, { history: options.logs, until, signal });
  return { tty, chunks: chunks(pieces, options) };
}
