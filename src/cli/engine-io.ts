import type { OutputChunk } from "../app/containers/api-types.js";
import { nodeClock } from "../platform/node-clock.js";
import type { Clock } from "../shared/ports.js";
import type { CliContext } from "./cli-context.js";

/** Writes a container's output chunk to the matching stream of the CLI, bytes unchanged when possible. */
export async function writeChunk(context: CliContext, chunk: OutputChunk): Promise<void> {
  if (chunk.stream === "stderr") {
    if (context.writeStderr) await context.writeStderr(chunk.data);
    else context.stderr(chunk.data.toString("utf8"));
  } else if (context.writeStdout) {
    await context.writeStdout(chunk.data);
  } else {
    context.stdout(chunk.data.toString("utf8"));
  }
}

/** The clock the engine commands use: the context's, else the real one. */
export function clockOf(context: CliContext): Clock {
  return context.clock ?? nodeClock();
}

/** Standard input as bytes: the context's stream, else its text read whole. */
export async function* stdinOf(context: CliContext): AsyncGenerator<Uint8Array> {
  if (context.stdinBytes) {
    yield* context.stdinBytes();
    return;
  }
  yield Buffer.from(await context.readStdin());
}
