import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { containerState, createdMarker } from "./container-state.js";
import type { RuntimeContext } from "./context.js";
import { ContainerNotFoundError, StateTransitionError } from "./errors.js";
import { removePath } from "./fs-util.js";
import { transition } from "./lifecycle/state-machine.js";
import { readMeta } from "./prepare.js";

/** Starts conmon, which runs `runc create`; a container that ran before is deleted from runc first. */
export async function createContainer(
  ctx: RuntimeContext,
  id: string,
  signal?: AbortSignal,
): Promise<number> {
  const paths = ctx.layout.bundle(id);
  const meta = await readMeta(ctx, id);
  if (!meta) throw new ContainerNotFoundError(id);
  const current = await containerState(ctx, id);
  const known = await ctx.oci.state(id);
  const again = current.status === "exited" || current.status === "dead";
  if (!again && (current.status !== "created" || known))
    throw new StateTransitionError(current.status, "created");
  if (known) await ctx.oci.delete(id, { force: true });
  for (const stale of [paths.exitFile, paths.pidFile, paths.shimPidFile, createdMarker(ctx, id)]) {
    await removePath(stale);
  }
  await mkdir(ctx.layout.exits, { recursive: true, mode: 0o700 });
  await mkdir(ctx.layout.sockets, { recursive: true, mode: 0o700 });
  await writeFile(createdMarker(ctx, id), "");
  const created = await ctx.shim.create({
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
  });
  return created.pid;
}

/** `runc start` of a created container. */
export async function startContainer(ctx: RuntimeContext, id: string): Promise<void> {
  const current = await containerState(ctx, id);
  if (current.status !== "created") throw new StateTransitionError(current.status, "running");
  if (!(await ctx.oci.state(id))) throw new StateTransitionError("prepared", "running");
  await ctx.oci.start(id);
}

/** Freezes a running container (cgroup freezer). */
export async function pauseContainer(ctx: RuntimeContext, id: string): Promise<void> {
  transition((await containerState(ctx, id)).status, "paused");
  await ctx.oci.pause(id);
}

/** Thaws a paused container. */
export async function resumeContainer(ctx: RuntimeContext, id: string): Promise<void> {
  const current = (await containerState(ctx, id)).status;
  if (current !== "paused") throw new StateTransitionError(current, "running");
  await ctx.oci.resume(id);
}

/** Sends a signal to the container's init; only a created, running or paused container can get one. */
export async function killContainer(ctx: RuntimeContext, id: string, signal: string): Promise<void> {
  const current = (await containerState(ctx, id)).status;
  if (current !== "running" && current !== "paused" && current !== "created") {
    throw new StateTransitionError(current, "exited");
  }
  await ctx.oci.kill(id, signal);
}

/** Path of the shim's socket directory of `id` (conmon makes `<sockets>/<id>`). */
export function socketDirOf(ctx: RuntimeContext, id: string): string {
  return join(ctx.layout.sockets, id);
}
