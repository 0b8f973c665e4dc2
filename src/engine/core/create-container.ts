import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ContainerCreateBody, ContainerCreateResponse } from "../../api/index.js";
import { type ImageRecord, readContainerConfig } from "../../image/index.js";
import { resolveArgv } from "../../runtime/spec/index.js";
import { BerthError, errorMessage, NotFoundError } from "../../shared/errors.js";
import { containerSpecFromCreate, type ImageSide } from "../containers/create-spec.js";
import { type ContainerRecord, createdState } from "../state/container-record.js";
import { generateName, nameConflict, newContainerId } from "../state/names.js";
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
  };
}

async function resolveImage(core: EngineCore, name: string): Promise<ImageRecord> {
  try {
    return await core.images.resolve(name);
  } catch (error: unknown) {
    if (error instanceof NotFoundError) throw new NotFoundError(`No such image: ${name}`, { cause: error });
    throw error;
  }
}

/** Writes /etc/hostname, /etc/hosts and /etc/resolv.conf for the container into its state dir. */
async function writeEtcFiles(core: EngineCore, id: string, hostname: string) {
  const dir = core.store.containerDir(id);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = {
    hostname: join(dir, "hostname"),
    hosts: join(dir, "hosts"),
    resolvConf: join(dir, "resolv.conf"),
  };
  await writeFile(files.hostname, `${hostname}\n`, { mode: 0o644 });
  await writeFile(
    files.hosts,
    `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.0.1\t${hostname}\n`,
    { mode: 0o644 },
  );
  await writeFile(files.resolvConf, await core.resolvConf(), { mode: 0o644 });
  return files;
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
  const { spec, warnings } = containerSpecFromCreate({
    id,
    name,
    rootfs: "",
    body,
    image: imageSide,
    volumePath: (volume) => join(core.paths.volumesDir, volume, "_data"),
    initPath: core.initPath,
    etcFiles,
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
  };
  core.records.set(id, record); // reserves the name before the first await
  try {
    await saveRecord(core, record);
    await writeEtcFiles(core, id, hostname);
    for (const mount of spec.mounts ?? []) {
      if (mount.type === "volume") await mkdir(mount.source, { recursive: true, mode: 0o755 });
    }
    const layers = await core.images.unpack(image.id);
    record.layers = layers.map((layer) => layer.chainId);
    await core.runtime.prepare(id, { spec, lowerDirs: layers.map((layer) => layer.path).reverse() });
    record.creating = false;
    await saveRecord(core, record);
  } catch (error: unknown) {
    core.records.delete(id);
    await core.runtime.delete(id, { force: true }).catch(() => undefined);
    await core.store.remove(id);
    throw error;
  }
  emitContainer(core, record, "create");
  return { Id: id, Warnings: warnings };
}
