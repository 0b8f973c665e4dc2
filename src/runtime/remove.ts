import { readdir } from "node:fs/promises";
import type { RuntimeContext } from "./context.js";
import { ContainerNotFoundError, StateTransitionError } from "./errors.js";
import { readExitCode } from "./exit-file.js";
import { readPid, removePath } from "./fs-util.js";
import { socketDirOf } from "./lifecycle-ops.js";

/** Options of a removal. */
export interface DeleteOptions {
  /** Kill a running or paused container first. */
  force?: boolean;
}

async function quietly(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch {
    // best effort: what matters is checked afterwards
  }
}

/** True once conmon wrote the exit file, or runc sees the container stopped (a killed conmon writes none). */
async function exitedAfterKill(ctx: RuntimeContext, id: string): Promise<boolean> {
  if ((await readExitCode(ctx, id)) !== undefined) return true;
  return (await ctx.oci.state(id))?.status !== "running";
}

/** Waits (bounded) for our conmon to go, then kills it by PID; identified by its `-P` pid file path. */
async function endShim(ctx: RuntimeContext, id: string): Promise<void> {
  const pidFile = ctx.layout.bundle(id).shimPidFile;
  const pid = await readPid(pidFile);
  if (pid === undefined) return;
  for (let i = 0; i < 50 && (await ctx.processes.alive(pid, pidFile)); i++) await ctx.clock.sleep(ctx.pollMs);
  if (await ctx.processes.alive(pid, pidFile)) ctx.processes.kill(pid);
}

/** Unmounts everything under the bundle; refuses to go on while anything stays mounted. */
async function unmountAll(ctx: RuntimeContext, dir: string): Promise<void> {
  for (const point of await ctx.mounter.mountsUnder(dir)) await ctx.mounter.unmount(point);
  const left = await ctx.mounter.mountsUnder(dir);
  if (left.length > 0) throw new Error(`still mounted under ${dir}: ${left.join(", ")}`);
}

/** runc delete, shim gone, umount, cgroup dirs, bundle and exit file removed. Idempotent; works after a crash. */
export async function deleteContainer(
  ctx: RuntimeContext,
  id: string,
  options: DeleteOptions = {},
): Promise<void> {
  const paths = ctx.layout.bundle(id);
  const runc = await ctx.oci.state(id);
  if (runc && (runc.status === "running" || runc.status === "paused")) {
    if (!options.force) throw new StateTransitionError(runc.status, "removed");
    await quietly(() => ctx.oci.kill(id, "SIGKILL"));
    if (runc.status === "paused") await quietly(() => ctx.oci.resume(id));
    for (let i = 0; i < 50 && !(await exitedAfterKill(ctx, id)); i++) await ctx.clock.sleep(ctx.pollMs);
  }
  if (runc) await ctx.oci.delete(id, { force: true });
  await endShim(ctx, id);
  await unmountAll(ctx, paths.dir);
  await ctx.cgroups.removeLeaf(ctx.layout.cgroupParent, id);
  ctx.metas.delete(id);
  await removePath(paths.dir);
  await removePath(paths.exitFile);
  await removePath(socketDirOf(ctx, id));
  await removeParentWhenLast(ctx);
}

/**
 * runc deletes a container's leaf cgroup but never the parent it made (`/berth-<instance>` in every
 * hierarchy): once no bundle is left, remove the parent too. Under the gate no create runs meanwhile,
 * and a parent that still has a child (another container) is kept by the cleaner.
 */
export async function removeParentWhenLast(ctx: RuntimeContext): Promise<void> {
  await ctx.cgroupGate.exclusive(async () => {
    if ((await bundleIds(ctx)).length === 0) await ctx.cgroups.removeEmptyParent(ctx.layout.cgroupParent);
  });
}

/** Ids of the bundle dirs under `<root>/containers`, sorted. */
export async function bundleIds(ctx: RuntimeContext): Promise<string[]> {
  try {
    return (await readdir(ctx.layout.containers, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Removes every container, mount, cgroup, shim and directory of this instance. */
export async function cleanupInstance(ctx: RuntimeContext): Promise<void> {
  const ids = new Set(await bundleIds(ctx));
  for (const state of await ctx.oci.list().catch(() => [])) ids.add(state.id);
  for (const id of [...ids].sort()) await deleteContainer(ctx, id, { force: true });
  await ctx.cgroups.removeParent(ctx.layout.cgroupParent);
  await unmountAll(ctx, ctx.layout.containers);
  const dirs = [
    ctx.layout.containers,
    ctx.layout.exits,
    ctx.layout.sockets,
    ctx.layout.runcRoot,
    ctx.layout.relay,
  ];
  for (const dir of dirs) {
    await removePath(dir);
  }
}

/** Throws unless a bundle exists for `id`. */
export async function requireBundle(ctx: RuntimeContext, id: string): Promise<void> {
  if (!(await bundleIds(ctx)).includes(id)) throw new ContainerNotFoundError(id);
}
