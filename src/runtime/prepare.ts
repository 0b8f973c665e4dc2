import { chmod, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { RuntimeContext } from "./context.js";
import { readIfExists, removePath, stageAtomic } from "./fs-util.js";
import type { ContainerSpec } from "./spec/container-spec.js";
import { tmpfsMountpoints } from "./spec/mounts.js";
import { serializeOciSpec, toOciSpec } from "./spec/to-oci-spec.js";

/** What `prepare` needs: the container spec (its `id` and `rootfs` are set by the runtime) and the layers. */
export interface PrepareRequest {
  spec: ContainerSpec;
  /** Unpacked layer dirs, top layer first (overlay's leftmost lowerdir). */
  lowerDirs: readonly string[];
}

/** Bookkeeping the runtime keeps beside config.json. */
export interface BundleMeta {
  id: string;
  name: string;
  /** How to stop it by default. */
  stopSignal: string;
  stopGracePeriodMs?: number;
}

/** Bundle dir with upper/work/rootfs, overlay mounted on rootfs, tmpfs mountpoints, config.json. */
export async function prepareBundle(ctx: RuntimeContext, id: string, request: PrepareRequest): Promise<void> {
  const paths = ctx.layout.bundle(id);
  // the bundle dir itself is made exclusively (an existing one is an error); its parent only when missing
  await mkdir(paths.dir, { mode: 0o700 }).catch(async (error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await mkdir(ctx.layout.containers, { recursive: true, mode: 0o700 });
    await mkdir(paths.dir, { mode: 0o700 });
  });
  try {
    await Promise.all([paths.upper, paths.work, paths.rootfs].map((dir) => mkdir(dir, { mode: 0o755 })));
    await ctx.mounter.mountOverlay({
      lowerDirs: request.lowerDirs,
      upperDir: paths.upper,
      workDir: paths.work,
      target: paths.rootfs,
    });
    const spec: ContainerSpec = { ...request.spec, id, rootfs: paths.rootfs };
    const [passwd, group, facts] = await Promise.all([
      readIfExists(join(paths.rootfs, "etc/passwd")),
      readIfExists(join(paths.rootfs, "etc/group")),
      ctx.hostFacts(),
    ]);
    const files = { passwd: passwd ?? "", group: group ?? "" };
    const oci = toOciSpec(spec, { ...facts, cgroupParent: ctx.layout.cgroupParent }, files);
    for (const point of tmpfsMountpoints(spec)) {
      const dir = join(paths.rootfs, point.target);
      await mkdir(dir, { recursive: true });
      await chmod(dir, point.mode);
    }
    const meta: BundleMeta = {
      id,
      name: spec.name,
      stopSignal: spec.stopSignal ?? spec.image.stopSignal ?? "SIGTERM",
      ...(spec.stopGracePeriodMs === undefined ? {} : { stopGracePeriodMs: spec.stopGracePeriodMs }),
    };
    // both written together, published in order: meta.json last, its presence says the bundle is complete
    const [publishConfig, publishMeta] = await Promise.all([
      stageAtomic(paths.config, serializeOciSpec(oci)),
      stageAtomic(join(paths.dir, "meta.json"), `${JSON.stringify(meta, null, 2)}\n`),
    ]);
    await publishConfig();
    await publishMeta();
    ctx.metas.set(id, meta);
  } catch (error: unknown) {
    await ctx.mounter.unmount(paths.rootfs).catch(() => {});
    if ((await ctx.mounter.mountsUnder(paths.dir)).length === 0) await removePath(paths.dir);
    throw error;
  }
}

/** The bundle's meta.json, or undefined when the bundle is absent or half-made. */
export async function readMeta(ctx: RuntimeContext, id: string): Promise<BundleMeta | undefined> {
  const known = ctx.metas.get(id);
  if (known) return known;
  const text = await readIfExists(join(ctx.layout.bundle(id).dir, "meta.json"));
  if (text === undefined) return undefined;
  return JSON.parse(text) as BundleMeta;
}
