import { access } from "node:fs/promises";
import { join } from "node:path";
import type { RuntimeContext } from "./context.js";
import { ContainerNotFoundError } from "./errors.js";
import { readExitCode } from "./exit-file.js";
import { fromRuncStatus, type LifecycleState } from "./lifecycle/state-machine.js";

/** What the runtime can tell about one container. */
export interface ContainerState {
  id: string;
  status: LifecycleState;
  /** Host PID of the container's init while it runs or is paused. */
  pid?: number;
  /** From conmon's exit file once it has exited (128+signal when killed). */
  exitCode?: number;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Marker written when the shim created the container (so a vanished runc container reads as dead). */
export function createdMarker(ctx: RuntimeContext, id: string): string {
  return join(ctx.layout.bundle(id).dir, "created");
}

/** The state of `id` from runc's state and conmon's exit file; throws `ContainerNotFoundError`. */
export async function containerState(ctx: RuntimeContext, id: string): Promise<ContainerState> {
  const paths = ctx.layout.bundle(id);
  if (!(await exists(paths.config))) throw new ContainerNotFoundError(id);
  const runc = await ctx.oci.state(id);
  const exitCode = await readExitCode(ctx, id);
  if (runc && runc.status !== "stopped") {
    const status = fromRuncStatus(runc.status);
    return runc.pid > 0 ? { id, status, pid: runc.pid } : { id, status };
  }
  if (exitCode !== undefined) return { id, status: "exited", exitCode };
  if (runc) return { id, status: "exited" };
  return { id, status: (await exists(createdMarker(ctx, id))) ? "dead" : "created" };
}
