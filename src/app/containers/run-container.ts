import type { ContainerCreateBody, OutputChunk } from "./api-types.js";
import type { EnginePort } from "./engine-port.js";

/** Where a foreground container's output goes: each chunk to the stream it came from. */
export type OutputSink = (chunk: OutputChunk) => void;

/** What `run` does: create with `body` (named `name`), start, and in the foreground follow and wait. */
export interface RunRequest {
  body: ContainerCreateBody;
  name?: string;
  detach: boolean;
  /** Remove the container after it ends (foreground: by the client after wait; detached: AutoRemove). */
  remove: boolean;
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
  "createContainer" | "startContainer" | "containerLogs" | "waitContainer" | "removeContainer"
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

/**
 * `docker run`: create and start; in the foreground stream the logs from the first byte until the
 * container ends, then wait for its exit code and remove it when asked.
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
  try {
    await phase("start", () => port.startContainer(created.id));
  } catch (error: unknown) {
    if (request.remove) await port.removeContainer(created.id, { force: true, v: true }).catch(() => {});
    throw error;
  }
  if (request.detach) return created;
  const exitCode = await phase("attach", async () => {
    for await (const chunk of port.containerLogs(created.id, { follow: true })) output(chunk);
    return (await port.waitContainer(created.id)).StatusCode;
  });
  if (request.remove) await phase("attach", () => port.removeContainer(created.id, { v: true }));
  return { ...created, exitCode };
}
