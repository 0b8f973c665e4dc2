import { type ContainerState, containerState } from "./container-state.js";
import type { RuntimeContext } from "./context.js";
import { readMeta } from "./prepare.js";
import { bundleIds, deleteContainer, removeParentWhenLast } from "./remove.js";

/** A container of this instance, as found on disk and in runc. */
export interface ListedContainer extends ContainerState {
  name: string;
}

/** Every container of this instance with its state (runc state + exit files), sorted by id. */
export async function listContainers(ctx: RuntimeContext): Promise<ListedContainer[]> {
  const out: ListedContainer[] = [];
  for (const id of await bundleIds(ctx)) {
    const meta = await readMeta(ctx, id);
    if (!meta) continue;
    try {
      out.push({ ...(await containerState(ctx, id)), name: meta.name });
    } catch {
      // a bundle without config.json is half-made; adopt() removes it
    }
  }
  return out;
}

/** What adopt found and what it removed. */
export interface AdoptResult {
  containers: ListedContainer[];
  /** Ids of half-made bundles and runc containers without a bundle, now removed. */
  removed: string[];
}

/**
 * After an engine restart: removes half-made leftovers (and, with no container left, the instance's
 * empty cgroup parent a crash left) and lists what exists, runs, or exited with what code.
 */
export async function adoptContainers(ctx: RuntimeContext): Promise<AdoptResult> {
  const removed: string[] = [];
  const bundles = new Set(await bundleIds(ctx));
  for (const id of bundles) {
    if (!(await readMeta(ctx, id).catch(() => undefined))) removed.push(id);
  }
  for (const state of await ctx.oci.list().catch(() => [])) {
    if (!bundles.has(state.id)) removed.push(state.id);
  }
  for (const id of removed.sort()) await deleteContainer(ctx, id, { force: true });
  if (removed.length === 0) await removeParentWhenLast(ctx);
  return { containers: await listContainers(ctx), removed };
}
