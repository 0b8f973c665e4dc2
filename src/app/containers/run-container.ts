import type { ContainerCreateBody, OutputChunk } from "./api-types.js";
import type { EnginePort } from "./engine-port.js";

/** Where a foreground container's output goes: each chunk to the stream it came from. */
export type OutputSink = (chunk: OutputChunk) => void;

/**
 * Signals the user sends while a foreground container runs: `subscribe(forward)` starts handing each
 * one (a name like `SIGINT`) to `forward` and returns the function that stops it.
 */
export type SignalSource = (forward: (signal: string) => void) => () => void;

/** What `run` does: create with `body` (named `name`), start, and in the foreground attach and wait. */
export interface RunRequest {
  body: ContainerCreateBody;
  name?: string;
  detach: boolean;
  /** Remove the container after it ends (foreground: by the client after wait; detached: AutoRemove). */
  remove: boolean;
  /** Foreground only: signals to forward to the container (as `docker run` proxies them). */
  signals?: SignalSource;
}

/** Where a run failed: before the container's process ran (the engine's fault) or at start. */
export type RunPhase = "create" | "start" | "attach";

/** An error of `run` with the phase it happened in (the CLI maps phases to Docker's exit statuses). */
export class RunFailure extends Error {
  constructor(
    readonly phase: RunPhase,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason), { cause: reason });
    this.name = "RunFailure";
  }
}

/** What a run gave: the container's id, the engine's warnings and, in the foreground, its exit code. */
export interface RunResult {
  id: string;
  warnings: string[];
  exitCode?: number;
}

type RunPort = Pick<
  EnginePort,
  | "createContainer"
  | "startContainer"
  | "attachContainer"
  | "killContainer"
  | "waitContainer"
  | "removeContainer"
>;

async function phase<T>(name: RunPhase, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error: unknown) {
    throw new RunFailure(name, error);
  }
}

/** Creates a container; the create half of `run` and all of `create`. */
export async function createContainer(
  port: Pick<EnginePort, "createContainer">,
  request: { body: ContainerCreateBody; name?: string },
): Promise<{ id: string; warnings: string[] }> {
  const answer = await port.createContainer(request.body, request.name);
  return { id: answer.Id, warnings: answer.Warnings };
}

async function removeQuietly(port: RunPort, id: string, remove: boolean): Promise<void> {
  if (remove) await port.removeContainer(id, { force: true, v: true }).catch(() => {});
}

/**
 * `docker run`: create and start; in the foreground attach first (nothing written after the start is
 * missed), stream the output until the container ends while forwarding signals to it, and return its
 * exit code. With `remove`, a detached container gets AutoRemove; a foreground one is removed here
 * once its exit code is known (a wait for `removed` on an AutoRemove container could find it gone).
 */
export async function runContainer(
  port: RunPort,
  request: RunRequest,
  output: OutputSink,
): Promise<RunResult> {
  const body: ContainerCreateBody = request.detach
    ? { ...request.body, HostConfig: { ...request.body.HostConfig, AutoRemove: request.remove } }
    : request.body;
  const created = await phase("create", () =>
    createContainer(port, { body, ...(request.name !== undefined ? { name: request.name } : {}) }),
  );
  if (request.detach) {
    await phase("start", () => port.startContainer(created.id)).catch(async (error: unknown) => {
      await removeQuietly(port, created.id, request.remove);
      throw error;
    });
    return created;
  }
  const stop = new AbortController();
  const stream = await phase("attach", () => port.attachContainer(created.id, { signal: stop.signal })).catch(
    async (error: unknown) => {
      await removeQuietly(port, created.id, request.remove);
      throw error;
    },
  );
  const unsubscribe = request.signals?.((signal) => {
    void port.killContainer(created.id, { signal }).catch(() => {});
  });
  try {
    try {
      await phase("start", () => port.startContainer(created.id));
    } catch (error: unknown) {
      stop.abort();
      await removeQuietly(port, created.id, request.remove);
      throw error;
    }
    const exitCode = await phase("attach", async () => {
      for await (const chunk of stream) output(chunk);
      return (await port.waitContainer(created.id)).StatusCode;
    });
    if (request.remove) await phase("attach", () => port.removeContainer(created.id, { v: true }));
    return { ...created, exitCode };
  } finally {
    unsubscribe?.();
  }
}
