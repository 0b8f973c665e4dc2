import type { RuntimeContext } from "./context.js";
import { readIfExists } from "./fs-util.js";

/** The exit code conmon wrote for `id` (128+signal when killed), or undefined while it runs. */
export async function readExitCode(ctx: RuntimeContext, id: string): Promise<number | undefined> {
  const text = await readIfExists(ctx.layout.bundle(id).exitFile);
  if (text === undefined || text.trim() === "") return undefined;
  const code = Number.parseInt(text.trim(), 10);
  return Number.isInteger(code) ? code : undefined;
}

/**
 * Reads the exit code; when there is none yet, waits until the exit file is written (fs.watch on the
 * exits dir) or `ms` pass (the slow fallback poll), then resolves with undefined. Rejects on abort.
 */
export async function exitCodeOrWait(
  ctx: RuntimeContext,
  id: string,
  options: { ms: number; signal?: AbortSignal | undefined },
): Promise<number | undefined> {
  const wake = new AbortController();
  const onAbort = () => wake.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const written = ctx.exitWatch.next(id, wake.signal); // registered before the read: no write is missed
    const code = await readExitCode(ctx, id);
    if (code !== undefined) return code;
    options.signal?.throwIfAborted();
    await Promise.race([written, ctx.clock.sleep(options.ms, wake.signal).catch(() => undefined)]);
    options.signal?.throwIfAborted();
    return undefined;
  } finally {
    wake.abort();
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/** Waits for conmon's exit file and returns the code; rejects when `signal` aborts. */
export async function waitForExit(ctx: RuntimeContext, id: string, signal?: AbortSignal): Promise<number> {
  for (;;) {
    const code = await exitCodeOrWait(ctx, id, { ms: ctx.exitPollMs, signal });
    if (code !== undefined) return code;
  }
}
