import { containerState } from "./container-state.js";
import type { RuntimeContext } from "./context.js";
import { exitCodeOrWait, waitForExit } from "./exit-file.js";

/** How to stop: the first signal and how long to wait before SIGKILL. */
export interface StopOptions {
  signal?: string;
  graceMs?: number;
  abortSignal?: AbortSignal;
}

async function quietly(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch {
    // the container may have exited meanwhile; the exit file tells
  }
}

/** Resolves with the exit code when it comes within `ms`, else undefined. */
async function exitWithin(
  ctx: RuntimeContext,
  id: string,
  ms: number,
  abort?: AbortSignal,
): Promise<number | undefined> {
  const deadline = ctx.clock.now() + ms;
  for (;;) {
    const left = Math.max(0, deadline - ctx.clock.now());
    const code = await exitCodeOrWait(ctx, id, { ms: Math.min(ctx.exitPollMs, left), signal: abort });
    if (code !== undefined) return code;
    if (deadline - ctx.clock.now() <= 0) return undefined;
  }
}

/** Stop signal → grace period → SIGKILL; returns the exit code (137 when it took SIGKILL). */
export async function stopContainer(ctx: RuntimeContext, id: string, options: StopOptions): Promise<number> {
  const state = await containerState(ctx, id);
  if (state.status === "exited") return state.exitCode ?? (await waitForExit(ctx, id, options.abortSignal));
  if (state.status !== "running" && state.status !== "paused" && state.status !== "created") {
    return state.exitCode ?? -1;
  }
  const started = state.status !== "created";
  if (started) {
    await quietly(() => ctx.oci.kill(id, options.signal ?? "SIGTERM"));
    if (state.status === "paused") await quietly(() => ctx.oci.resume(id));
    const code = await exitWithin(ctx, id, options.graceMs ?? 10_000, options.abortSignal);
    if (code !== undefined) return code;
  }
  await quietly(() => ctx.oci.kill(id, "SIGKILL"));
  if (state.status === "paused") await quietly(() => ctx.oci.resume(id));
  return waitForExit(ctx, id, options.abortSignal);
}
