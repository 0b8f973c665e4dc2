import { mkdir, stat } from "node:fs/promises";
import type { MountSpec } from "../../runtime/spec/index.js";
import { BerthError } from "../../shared/errors.js";
import { copyOwnerAndMode, copyTree, isEmptyDir, resolveInRoot } from "./copy-up.js";
import type { PlannedBind, PlannedMount, PlannedVolume } from "./mount-plan.js";
import type { StoredVolume } from "./volume-meta.js";
import { ANONYMOUS_LABEL, anonymousVolumeName } from "./volume-name.js";
import { checkDriver, parseLocalOptions } from "./volume-options.js";
import { checkBindDevice, type VolumeStore } from "./volume-store.js";

/** What resolving needs: the store, randomness for anonymous names, and a per-key lock. */
export interface ResolveContext {
  store: VolumeStore;
  random: (size: number) => Buffer;
  lock<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** A volume to fill from the image at its target once the rootfs is mounted (when it is still empty). */
export interface PendingFill {
  name: string;
  source: string;
  target: string;
}

/** The container's mounts, the volumes made for it (to undo on failure) and the fills still to do. */
export interface ResolvedMounts {
  mounts: MountSpec[];
  created: StoredVolume[];
  fills: PendingFill[];
}

function code(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

/** The lock key of a volume (never a container id). */
export function volumeLockKey(name: string): string {
  return `volume:${name}`;
}

async function resolveBind(bind: PlannedBind): Promise<MountSpec> {
  try {
    await stat(bind.source);
  } catch (error: unknown) {
    if (code(error) !== "ENOENT") throw error;
    if (!bind.createMissing) {
      throw new BerthError(
        "INVALID_ARGUMENT",
        `invalid mount config for type "bind": bind source path does not exist: ${bind.source}`,
        { cause: error },
      );
    }
    await mkdir(bind.source, { recursive: true, mode: 0o755 });
  }
  return {
    type: "bind",
    source: bind.source,
    target: bind.target,
    readOnly: bind.readOnly,
    ...(bind.propagation ? { propagation: bind.propagation } : {}),
    ...(bind.recursive === false ? { recursive: false } : {}),
  };
}

async function findOrCreate(
  ctx: ResolveContext,
  planned: PlannedVolume,
): Promise<{ volume: StoredVolume; created: boolean }> {
  const driver = checkDriver(planned.driver);
  const name = planned.name ?? anonymousVolumeName(ctx.random);
  return ctx.lock(volumeLockKey(name), async () => {
    const existing = await ctx.store.get(name);
    if (existing) {
      if (existing.meta.driver !== driver) {
        throw new BerthError("CONFLICT", `volume ${name} already exists with driver ${existing.meta.driver}`);
      }
      return { volume: existing, created: false };
    }
    parseLocalOptions(planned.driverOptions);
    return ctx.store.create({
      name,
      driver,
      labels: planned.name === undefined ? { ...planned.labels, [ANONYMOUS_LABEL]: "" } : planned.labels,
      options: planned.driverOptions,
      anonymous: planned.name === undefined,
    });
  });
}

/**
 * Finds or creates each volume (anonymous ones get a random name), checks or creates bind sources, and
 * turns the plan into mount specs in order. On failure, volumes it created are removed again.
 */
export async function resolveMounts(
  ctx: ResolveContext,
  planned: readonly PlannedMount[],
): Promise<ResolvedMounts> {
  const result: ResolvedMounts = { mounts: [], created: [], fills: [] };
  try {
    for (const mount of planned) {
      if (mount.kind === "ready") result.mounts.push(mount.mount);
      else if (mount.kind === "bind") result.mounts.push(await resolveBind(mount));
      else {
        const { volume, created } = await findOrCreate(ctx, mount);
        if (created) result.created.push(volume);
        const backing = parseLocalOptions(volume.meta.options);
        if (backing.kind === "tmpfs") {
          const { kind: _kind, ...options } = backing;
          result.mounts.push({
            type: "tmpfs",
            target: mount.target,
            ...options,
            ...(mount.readOnly ? { readOnly: true } : {}),
          });
          continue;
        }
        if (backing.kind === "bind") await checkBindDevice(volume.meta.name, backing.device);
        result.mounts.push({
          type: "volume",
          name: volume.meta.name,
          source: volume.dataPath,
          target: mount.target,
          readOnly: mount.readOnly,
        });
        // A bind volume's device is the user's host data: never written into by a copy-up.
        if (!mount.noCopy && backing.kind === "dir")
          result.fills.push({ name: volume.meta.name, source: volume.dataPath, target: mount.target });
      }
    }
  } catch (error: unknown) {
    await undoCreated(ctx.store, result.created);
    throw error;
  }
  return result;
}

/** Removes volumes a failed create made. */
export async function undoCreated(store: VolumeStore, created: readonly StoredVolume[]): Promise<void> {
  for (const volume of created) await store.remove(volume.meta.name).catch(() => undefined);
}

/**
 * Docker's copy-up: each still-empty volume gets the content of the image's directory at its target
 * (from the container's mounted rootfs) and that directory's owner and mode. Returns skipped entries.
 */
export async function fillVolumes(
  ctx: Pick<ResolveContext, "lock">,
  rootfs: string,
  fills: readonly PendingFill[],
): Promise<string[]> {
  const skipped: string[] = [];
  for (const fill of fills) {
    await ctx.lock(volumeLockKey(fill.name), async () => {
      if (!(await isEmptyDir(fill.source))) return;
      const from = await resolveInRoot(rootfs, fill.target);
      if (from === undefined || !(await stat(from)).isDirectory()) return;
      await copyOwnerAndMode(from, fill.source);
      skipped.push(...(await copyTree(from, fill.source)).map((path) => `${fill.target}/${path}`));
    });
  }
  return skipped;
}
