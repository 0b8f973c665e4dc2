import type { RuntimeContext } from "./context.js";
import { readIfExists } from "./fs-util.js";

/** The exit code conmon wrote for `id` (128+signal when killed), or undefined while it runs. */
export async function readExitCode(ctx: RuntimeContext, id: string): Promise<number | undefined> {
  const text = await readIfExists(ctx.layout.bundle(id).exitFile);
  if (text === undefined || text.trim() === "") return undefined;
  const code = Number.parseInt(text.trim(), 10);
  return Number.isInteger(code) ? code : undefined;
}

/** Waits for conmon's exit file and returns the code; rejects when `signal` aborts. */
export async function waitForExit(ctx: RuntimeContext, id: string, signal?: AbortSignal): Promise<number> {
  for (;;) {
    const code = await readExitCode(ctx, id);
    if (code !== undefined) return code;
    signal?.throwIfAborted();
    await ctx.clock.sleep(ctx.pollMs, signal);
  }
}
