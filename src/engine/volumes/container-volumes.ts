import type { ContainerCreateBody } from "../../api/index.js";
import { type ImageRecord, readContainerConfig } from "../../image/index.js";
import { type EngineCore, findRecord } from "../core/engine-core.js";
import type { ContainerRecord } from "../state/container-record.js";
import { type PlannedMount, planMounts } from "./mount-plan.js";
import {
  fillVolumes,
  type ResolveContext,
  type ResolvedMounts,
  resolveMounts,
  undoCreated,
} from "./resolve-mounts.js";
import { emitVolume, VolumeService, volumeStoreOf } from "./volume-service.js";
import { volumeNamesOf } from "./volume-usage.js";

// The seams between container create/remove and volumes, so those files only call in here.

function resolveContext(core: EngineCore): ResolveContext {
  return {
    store: volumeStoreOf(core),
    random: core.random,
    lock: (key, task) => core.mutex.run(key, task),
  };
}

/** The container's mounts as planned (pure; throws 400/404 before anything is made). */
export function planContainerMounts(
  core: EngineCore,
  body: ContainerCreateBody,
  image: ImageRecord,
): PlannedMount[] {
  const imageVolumes = Object.keys(readContainerConfig(image.config.raw).Volumes ?? {}).sort();
  return planMounts({
    body,
    imageVolumes,
    mountsOf: (container) => findRecord(core, container).spec.mounts ?? [],
  });
}

/** Finds or creates the volumes and bind sources of a planned container. */
export function resolveContainerMounts(
  core: EngineCore,
  planned: readonly PlannedMount[],
): Promise<ResolvedMounts> {
  return resolveMounts(resolveContext(core), planned);
}

/** After `runtime.prepare`: fills new, empty volumes from the container's rootfs (Docker's copy-up). */
export async function fillContainerVolumes(
  core: EngineCore,
  id: string,
  resolved: ResolvedMounts,
): Promise<void> {
  if (resolved.fills.length === 0) return;
  const skipped = await fillVolumes(resolveContext(core), core.runtime.paths(id).rootfs, resolved.fills);
  if (skipped.length > 0) {
    core.log.warn(
      `container ${id}: volume copy-up skipped special files: ${skipped.slice(0, 10).join(", ")}`,
    );
  }
}

/** A failed create: removes the volumes it made. */
export function undoContainerVolumes(core: EngineCore, resolved: ResolvedMounts | undefined): Promise<void> {
  return resolved ? undoCreated(volumeStoreOf(core), resolved.created) : Promise.resolve();
}

/** A successful create: the `create` events of the volumes it made. */
export function announceContainerVolumes(core: EngineCore, resolved: ResolvedMounts): void {
  for (const volume of resolved.created) emitVolume(core, "create", volume);
}

/** `rm -v` and AutoRemove: the removed container's anonymous volumes that nobody else uses. */
export function removeAnonymousVolumes(core: EngineCore, record: ContainerRecord): Promise<void> {
  return new VolumeService(core).removeAnonymous(volumeNamesOf(record));
}
