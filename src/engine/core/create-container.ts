import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ContainerCreateBody, ContainerCreateResponse } from "../../api/index.js";
import {
  chainIds,
  type Digest,
  type ImageRecord,
  readContainerConfig,
  type UnpackedLayer,
} from "../../image/index.js";
import { resolveArgv } from "../../runtime/spec/index.js";
import { BerthError, errorMessage, NotFoundError } from "../../shared/errors.js";
import { containerSpecFromCreate, type ImageSide } from "../containers/create-spec.js";
import { resolveCached } from "../images/resolve-cache.js";
import { planContainerNetworking } from "../networks/create-networking.js";
import { type ContainerRecord, createdState } from "../state/container-record.js";
import { generateName, nameConflict, newContainerId } from "../state/names.js";
import {
  announceContainerVolumes,
  fillContainerVolumes,
  planContainerMounts,
  resolveContainerMounts,
  undoContainerVolumes,
} from "../volumes/container-volumes.js";
import type { ResolvedMounts } from "../volumes/resolve-mounts.js";
import { type EngineCore, emitContainer, nowIso, saveRecord } from "./engine-core.js";

/** The parts of an image config a container inherits. */
export function imageSideOf(image: ImageRecord): ImageSide {
  const c = readContainerConfig(image.config.raw);
  return {
    ...(c.Entrypoint ? { entrypoint: c.Entrypoint } : {}),
    ...(c.Cmd ? { cmd: c.Cmd } : {}),
    ...(c.Env ? { env: c.Env } : {}),
    ...(c.WorkingDir ? { workingDir: c.WorkingDir } : {}),
    ...(c.User ? { user: c.User } : {}),
    ...(c.StopSignal ? { stopSignal: c.StopSignal } : {}),
    ...(c.Healthcheck ? { healthcheck: c.Healthcheck } : {}),
    ...(c.Labels ? { labels: c.Labels } : {}),
    ...(c.ExposedPorts ? { exposedPorts: Object.keys(c.ExposedPorts).sort() } : {}),
  };
}

async function resolveImage(core: EngineCore, name: string): Promise<ImageRecord> {
  try {
    return await resolveCached(core.images, name);
  } catch (error: unknown) {
    if (error instanceof NotFoundError) throw new NotFoundError(`No such image: ${name}`, { cause: error });
    throw error;
  }
}

/** Writes /etc/hostname, /etc/hosts and /etc/resolv.conf for the container into its (made) state dir, together. */
async function writeEtcFiles(core: EngineCore, id: string, hostname: string): Promise<void> {
  const dir = core.store.containerDir(id);
  const hosts = `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.0.1\t${hostname}\n`;
  await settleAll([
    writeFile(join(dir, "hostname"), `${hostname}\n`, { mode: 0o644 }),
    writeFile(join(dir, "hosts"), hosts, { mode: 0o644 }),
    core.resolvConf().then((text) => writeFile(join(dir, "resolv.conf"), text, { mode: 0o644 })),
  ]);
}

/**
 * The image's layers, unpacked (each chain id once), top layer last: from the record already resolved,
 * so a create reads the image index once (`ImageStore.unpack` would resolve the image again).
 */
async function unpackLayers(core: EngineCore, image: ImageRecord): Promise<UnpackedLayer[]> {
  const { layers } = image.manifest;
  const { diffIds } = image.config;
  if (layers.length !== diffIds.length) return core.images.unpack(image.id); // its error message
  const chain = chainIds(diffIds);
  return Promise.all(
    layers.map((layer, i) =>
      core.images.layers.ensure({
        chainId: chain[i] as Digest,
        diffId: diffIds[i] as Digest,
        open: () => core.images.blobs.open(layer.digest),
      }),
    ),
  );
}

/** Awaits every promise (none is left unobserved) and throws the first failure. */
async function settleAll<T>(work: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** POST /containers/create: resolves the image, unpacks its layers, prepares the bundle, records it. */
export async function createContainer(
  core: EngineCore,
  body: ContainerCreateBody,
  requestedName: string | undefined,
): Promise<ContainerCreateResponse> {
  const image = await resolveImage(core, body.Image);
  const id = newContainerId(core.random);
  const taken = (name: string) => [...core.records.values()].find((r) => r.name === name);
  const name = requestedName ?? generateName(core.random, (n) => taken(n) !== undefined);
  const holder = taken(name);
  if (holder) throw nameConflict(name, holder.id);
  const imageSide = imageSideOf(image);
  const hostname = body.Hostname || id.slice(0, 12);
  const etcFiles = {
    hostname: join(core.store.containerDir(id), "hostname"),
    hosts: join(core.store.containerDir(id), "hosts"),
    resolvConf: join(core.store.containerDir(id), "resolv.conf"),
  };
  const plannedMounts = planContainerMounts(core, body, image);
  const networking = core.networks ? planContainerNetworking(core, core.networks, body, id) : undefined;
  const { spec, warnings } = containerSpecFromCreate({
    id,
    name,
    rootfs: "",
    body,
    image: imageSide,
    volumePath: (volume) => join(core.paths.volumesDir, volume, "_data"),
    initPath: core.initPath,
    etcFiles,
    mounts: [],
    ...(networking?.netnsPath ? { netnsPath: networking.netnsPath } : {}),
  });
  try {
    resolveArgv(imageSide, { entrypoint: spec.entrypoint, command: spec.command });
  } catch (error: unknown) {
    throw new BerthError("INVALID_ARGUMENT", `No command specified: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const record: ContainerRecord = {
    id,
    name,
    created: nowIso(core),
    imageRef: body.Image,
    imageId: image.id,
    layers: [],
    body,
    spec,
    state: createdState(),
    restartCount: 0,
    stoppedByUser: false,
    hasRun: false,
    creating: true,
    execIds: [],
    ...(networking?.fields ?? {}),
  };
  core.records.set(id, record); // reserves the name before the first await
  let resolvedMounts: ResolvedMounts | undefined;
  try {
    resolvedMounts = await resolveContainerMounts(core, plannedMounts);
    spec.mounts = resolvedMounts.mounts;
    // No record is saved before prepare: the container's state dir (made here, before any kernel object
    // exists) without a state.json is a broken record that adopt removes, bundle and all, after a
    // crash; the complete record is saved below. Independent steps run together: the /etc files (only
    // runc create reads them) are written while the layers are checked and the bundle is prepared.
    await core.store.makeDir(id);
    const prepared = async (): Promise<void> => {
      const layers: UnpackedLayer[] = await unpackLayers(core, image);
      record.layers = layers.map((layer) => layer.chainId);
      await core.runtime.prepare(id, { spec, lowerDirs: layers.map((layer) => layer.path).reverse() });
    };
    await settleAll([prepared(), writeEtcFiles(core, id, hostname)]);
    await fillContainerVolumes(core, id, resolvedMounts);
    record.creating = false;
    await saveRecord(core, record);
  } catch (error: unknown) {
    core.records.delete(id);
    await core.runtime.delete(id, { force: true }).catch(() => undefined);
    await core.store.remove(id);
    await undoContainerVolumes(core, resolvedMounts);
    throw error;
  }
  if (resolvedMounts) announceContainerVolumes(core, resolvedMounts);
  emitContainer(core, record, "create");
  return { Id: id, Warnings: warnings };
}
