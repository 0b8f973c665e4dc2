import { access, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { containerState, createdMarker } from "./container-state.js";
import type { RuntimeContext } from "./context.js";
import { ContainerNotFoundError, StateTransitionError } from "./errors.js";
import { removePath } from "./fs-util.js";
import { type LifecycleState, transition } from "./lifecycle/state-machine.js";
import { readMeta } from "./prepare.js";

/** Starts conmon, which runs `runc create`; a container that ran before is deleted from runc first. */
export async function createContainer(
  ctx: RuntimeContext,
  id: string,
  signal?: AbortSignal,
): Promise<number> {
  const paths = ctx.layout.bundle(id);
  const [meta, ranBefore] = await Promise.all([readMeta(ctx, id), exists(createdMarker(ctx, id))]);
  if (!meta) throw new ContainerNotFoundError(id);
  // Without the marker runc cannot know the container (the marker is written before conmon runs): no
  // need to ask it, which keeps create+start at two runc invocations.
  if (ranBefore) {
    const current = await containerState(ctx, id);
    if (current.status !== "exited" && current.status !== "dead") {
      throw new StateTransitionError(current.status, "created");
    }
    if (await ctx.oci.state(id)) await ctx.oci.delete(id, { force: true });
  }
  // independent fs steps run together (each is a thread-pool round trip, which queues under parallel load)
  const settled = await Promise.allSettled([
    ...[paths.exitFile, paths.pidFile, paths.shimPidFile].map((stale) => removePath(stale)),
    mkdir(ctx.layout.exits, { recursive: true, mode: 0o700 }),
    mkdir(ctx.layout.sockets, { recursive: true, mode: 0o700 }),
    writeFile(createdMarker(ctx, id), ""),
  ]);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  const created = await ctx.cgroupGate.shared(() =>
    ctx.shim.create({
      id,
      name: meta.name,
      bundle: paths.dir,
      pidFile: paths.pidFile,
      shimPidFile: paths.shimPidFile,
      logPath: paths.log,
      logSizeMax: ctx.logSizeMax,
      exitDir: ctx.layout.exits,
      socketDir: ctx.layout.sockets,
      ...(signal ? { signal } : {}),
    }),
  );
  return created.pid;
}

/**
 * Runs a runc verb optimistically; when it fails, reads the state and throws `StateTransitionError`
 * if the move was not allowed (so the common path costs one runc call), else the original error.
 */
async function verb(
  ctx: RuntimeContext,
  id: string,
  check: (from: LifecycleState) => void,
  action: () => Promise<void>,
): Promise<void> {
  try {
    await action();
  } catch (error: unknown) {
    check((await containerState(ctx, id)).status);
    throw error;
  }
}

function only(allowed: readonly LifecycleState[], to: string): (from: LifecycleState) => void {
  return (from) => {
    if (!allowed.includes(from)) throw new StateTransitionError(from, to);
  };
}

/** `runc start` of a created container. */
export async function startContainer(ctx: RuntimeContext, id: string): Promise<void> {
  if (!(await exists(createdMarker(ctx, id)))) {
    const current = await containerState(ctx, id);
    throw new StateTransitionError(current.status === "created" ? "prepared" : current.status, "running");
  }
  await verb(ctx, id, only(["created"], "running"), () => ctx.oci.start(id));
}

/** Freezes a running container (cgroup freezer). */
export async function pauseContainer(ctx: RuntimeContext, id: string): Promise<void> {
  await verb(
    ctx,
    id,
    (from) => transition(from, "paused"),
    () => ctx.oci.pause(id),
  );
}

/** Thaws a paused container. */
export async function resumeContainer(ctx: RuntimeContext, id: string): Promise<void> {
  await verb(ctx, id, only(["paused"], "running"), () => ctx.oci.resume(id));
}

/** Sends a signal to the container's init; only a created, running or paused container can get one. */
export async function killContainer(ctx: RuntimeContext, id: string, signal: string): Promise<void> {
  await verb(ctx, id, only(["created", "running", "paused"], "exited"), () => ctx.oci.kill(id, signal));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Path of the shim's socket directory of `id` (conmon makes `<sockets>/<id>`). */
export function socketDirOf(ctx: RuntimeContext, id: string): string {
  return join(ctx.layout.sockets, id);
}
