import { posix } from "node:path";
import type { ContainerCreateBody } from "../../api/index.js";
import type { MountSpec, Propagation } from "../../runtime/spec/index.js";
import { BerthError } from "../../shared/errors.js";
import { parseBind, parseTmpfsOptions } from "../containers/parse-binds.js";
import { checkVolumeName } from "./volume-name.js";

/** A host path to bind; `createMissing` for the short syntax (Docker creates it) and CreateMountpoint. */
export interface PlannedBind {
  kind: "bind";
  source: string;
  target: string;
  readOnly: boolean;
  propagation?: Propagation;
  recursive?: boolean;
  createMissing: boolean;
}

/** A volume to find or create (`name` undefined: a new anonymous one). */
export interface PlannedVolume {
  kind: "volume";
  name?: string;
  target: string;
  readOnly: boolean;
  noCopy: boolean;
  labels: Record<string, string>;
  driver?: string;
  driverOptions: Record<string, string>;
}

/** A mount that needs nothing more (tmpfs, or one taken over from `VolumesFrom`). */
export interface PlannedReady {
  kind: "ready";
  mount: MountSpec;
}

/** One mount of a container before the engine has found or made its volumes and host dirs. */
export type PlannedMount = PlannedBind | PlannedVolume | PlannedReady;

/** What the plan needs besides the request. */
export interface MountPlanInput {
  body: ContainerCreateBody;
  /** The image config's `Volumes` (VOLUME instructions). */
  imageVolumes: readonly string[];
  /** The mounts of a container named in `VolumesFrom` (throws NOT_FOUND for an unknown one). */
  mountsOf(container: string): readonly MountSpec[];
}

const PROPAGATIONS = new Set(["private", "rprivate", "shared", "rshared", "slave", "rslave"]);

function invalid(message: string): BerthError {
  return new BerthError("INVALID_ARGUMENT", message);
}

/** `/a/b/` → `/a/b`; throws unless absolute. */
export function cleanTarget(target: string, what: string): string {
  if (!posix.isAbsolute(target)) throw invalid(`${what}: mount path must be absolute: ${target}`);
  const clean = posix.normalize(target);
  return clean.length > 1 && clean.endsWith("/") ? clean.slice(0, -1) : clean;
}

function fromMounts(body: ContainerCreateBody): PlannedMount[] {
  return (body.HostConfig?.Mounts ?? []).map((mount): PlannedMount => {
    const where = `invalid mount config for type "${mount.Type}"`;
    const target = cleanTarget(mount.Target, where);
    const readOnly = mount.ReadOnly ?? false;
    if (mount.Type === "bind") {
      if (!mount.Source) throw invalid(`${where}: field Source must not be empty`);
      if (!posix.isAbsolute(mount.Source)) {
        throw invalid(`${where}: invalid mount path: '${mount.Source}' mount path must be absolute`);
      }
      const propagation = mount.BindOptions?.Propagation ?? undefined;
      if (propagation && !PROPAGATIONS.has(propagation))
        throw invalid(`${where}: invalid propagation ${propagation}`);
      const create = mount.BindOptions?.CreateMountpoint;
      return {
        kind: "bind",
        source: mount.Source,
        target,
        readOnly,
        recursive: !(mount.BindOptions?.NonRecursive ?? false),
        ...(propagation ? { propagation: propagation as Propagation } : {}),
        createMissing: create === true,
      };
    }
    if (mount.Type === "volume") {
      if (mount.Source) checkVolumeName(mount.Source);
      const options = mount.VolumeOptions;
      if (options?.Subpath) throw invalid(`${where}: volume subpaths are not supported by berth`);
      const driver = options?.DriverConfig?.Name ?? undefined;
      return {
        kind: "volume",
        ...(mount.Source ? { name: mount.Source } : {}),
        target,
        readOnly,
        noCopy: options?.NoCopy ?? false,
        labels: { ...(options?.Labels ?? {}) },
        ...(driver ? { driver } : {}),
        driverOptions: { ...(options?.DriverConfig?.Options ?? {}) },
      };
    }
    if (mount.Type === "tmpfs") {
      if (mount.Source) throw invalid(`${where}: field Source must be empty`);
      const tmpfs = mount.TmpfsOptions;
      return {
        kind: "ready",
        mount: {
          type: "tmpfs",
          target,
          ...(tmpfs?.SizeBytes ? { sizeBytes: tmpfs.SizeBytes } : {}),
          ...(tmpfs?.Mode ? { mode: tmpfs.Mode } : {}),
          ...(readOnly ? { readOnly: true } : {}),
        },
      };
    }
    throw invalid(`mount type "${mount.Type}" is not supported`);
  });
}

function fromBinds(body: ContainerCreateBody): PlannedMount[] {
  return (body.HostConfig?.Binds ?? []).map((entry): PlannedMount => {
    const bind = parseBind(entry);
    const target = cleanTarget(bind.target, `invalid bind mount spec "${entry}"`);
    if (bind.kind === "bind") {
      return {
        kind: "bind",
        source: bind.source,
        target,
        readOnly: bind.readOnly,
        ...(bind.propagation ? { propagation: bind.propagation } : {}),
        createMissing: true,
      };
    }
    if (bind.source !== "") checkVolumeName(bind.source);
    return {
      kind: "volume",
      ...(bind.source !== "" ? { name: bind.source } : {}),
      target,
      readOnly: bind.readOnly,
      noCopy: bind.noCopy ?? false,
      labels: {},
      driverOptions: {},
    };
  });
}

/** `ctr`, `ctr:ro`, `ctr:rw` → the container and the forced mode (undefined keeps each mount's). */
export function parseVolumesFrom(entry: string): { container: string; readOnly?: boolean } {
  const colon = entry.lastIndexOf(":");
  if (colon < 0) return { container: entry };
  const mode = entry.slice(colon + 1);
  const container = entry.slice(0, colon);
  if (container === "") throw invalid(`invalid VolumesFrom entry "${entry}"`);
  if (mode === "ro") return { container, readOnly: true };
  if (mode === "rw") return { container, readOnly: false };
  throw invalid(`invalid mode for VolumesFrom "${entry}": ${mode}`);
}

function fromOthers(input: MountPlanInput): PlannedMount[] {
  const planned: PlannedMount[] = [];
  for (const entry of input.body.HostConfig?.VolumesFrom ?? []) {
    const { container, readOnly } = parseVolumesFrom(entry);
    for (const mount of input.mountsOf(container)) {
      if (mount.type === "tmpfs") continue;
      planned.push({ kind: "ready", mount: { ...mount, readOnly: readOnly ?? mount.readOnly ?? false } });
    }
  }
  return planned;
}

function targetOf(mount: PlannedMount): string {
  return mount.kind === "ready" ? mount.mount.target : mount.target;
}

/**
 * The container's mounts in Docker's precedence: `Mounts`, `Binds` and `Tmpfs` (a target twice among
 * them is a 400), then `VolumesFrom`, then anonymous volumes for `Config.Volumes` and the image's
 * VOLUMEs, each only where no earlier mount has that target. Pure.
 */
export function planMounts(input: MountPlanInput): PlannedMount[] {
  const explicit: PlannedMount[] = [...fromMounts(input.body), ...fromBinds(input.body)];
  for (const [target, options] of Object.entries(input.body.HostConfig?.Tmpfs ?? {})) {
    const clean = cleanTarget(target, "tmpfs");
    explicit.push({
      kind: "ready",
      mount: { type: "tmpfs", target: clean, ...parseTmpfsOptions(clean, options) },
    });
  }
  const taken = new Set<string>();
  for (const mount of explicit) {
    const target = targetOf(mount);
    if (taken.has(target)) throw invalid(`Duplicate mount point: ${target}`);
    taken.add(target);
  }
  const planned = [...explicit];
  const add = (mount: PlannedMount) => {
    const target = targetOf(mount);
    if (taken.has(target)) return;
    taken.add(target);
    planned.push(mount);
  };
  for (const mount of fromOthers(input)) add(mount);
  const anonymous = [...Object.keys(input.body.Volumes ?? {}), ...input.imageVolumes];
  for (const target of anonymous) {
    add({
      kind: "volume",
      target: cleanTarget(target, "volume"),
      readOnly: false,
      noCopy: false,
      labels: {},
      driverOptions: {},
    });
  }
  return planned;
}
