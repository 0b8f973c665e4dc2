import { spawn } from "node:child_process";
import { open, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ContainerCreateBody } from "../api/index.js";
import type { EngineClient } from "../client/index.js";
import { containerSpecFromCreate } from "../engine/containers/create-spec.js";
import { imageSideOf } from "../engine/core/create-container.js";
import type { Engine } from "../engine/engine.js";
import type { ImageRecord } from "../image/index.js";
import type { ContainerRuntime, ContainerSpec, EtcFiles } from "../runtime/index.js";
import { findBinary } from "../runtime/linux/find-binary.js";

/** What every bench container is: busybox running `sleep 1000`, no network. */
export const BENCH_BODY: ContainerCreateBody = {
  Image: "busybox",
  Cmd: ["sleep", "1000"],
  HostConfig: { NetworkMode: "none" },
};

/** One way of getting a container from nothing to running; only `run` is timed. */
export interface Subject {
  readonly label: string;
  /** Untimed: what must exist before the timed part (the raw floor's bundle). */
  setup(key: string): Promise<void>;
  /** Timed: create + start. */
  run(key: string): Promise<void>;
  /** Untimed: removes the container and everything it had on the host. */
  remove(key: string): Promise<void>;
}

/** What a bundle is made of, the same way the engine makes it: image config, layers, /etc files. */
export interface BundleRecipe {
  image: ImageRecord;
  /** Unpacked layer dirs, top first (overlay's leftmost lowerdir). */
  lowerDirs: readonly string[];
  etcFiles: EtcFiles;
}

/** The ContainerSpec the engine would make for BENCH_BODY (same translation, same image side). */
export function benchSpec(recipe: BundleRecipe, id: string): ContainerSpec {
  return containerSpecFromCreate({
    id,
    name: id,
    rootfs: "",
    body: BENCH_BODY,
    image: imageSideOf(recipe.image),
    volumePath: (volume) => `/nonexistent/${volume}`,
    initPath: "/usr/bin/catatonit",
    etcFiles: recipe.etcFiles,
  }).spec;
}

/** The HTTP API: EngineClient create + start over the engine's unix socket. */
export function apiSubject(client: EngineClient, prefix: string): Subject {
  const ids = new Map<string, string>();
  return {
    label: "berth API (EngineClient over the socket)",
    setup: async () => {},
    async run(key) {
      const { Id } = await client.createContainer(BENCH_BODY, `${prefix}-${key}`);
      ids.set(key, Id);
      await client.startContainer(Id);
    },
    async remove(key) {
      const id = ids.get(key);
      ids.delete(key);
      if (id !== undefined) await client.removeContainer(id, { force: true, v: true });
    },
  };
}

/** The engine in-process: `Engine.createContainer` + `startContainer`, no HTTP. */
export function engineSubject(engine: Engine, prefix: string): Subject {
  const ids = new Map<string, string>();
  return {
    label: "berth Engine in-process",
    setup: async () => {},
    async run(key) {
      const { Id } = await engine.createContainer(BENCH_BODY, `${prefix}-${key}`);
      ids.set(key, Id);
      await engine.startContainer(Id);
    },
    async remove(key) {
      const id = ids.get(key);
      ids.delete(key);
      if (id !== undefined) await engine.removeContainer(id, { force: true, v: true, link: false });
    },
  };
}

/** The runtime alone: `ContainerRuntime.prepare` (overlay + config.json) + `create` (conmon) + `start`. */
export function runtimeSubject(runtime: ContainerRuntime, recipe: BundleRecipe): Subject {
  const idOf = (key: string) => `rt-${key}`;
  return {
    label: "berth ContainerRuntime in-process",
    setup: async () => {},
    async run(key) {
      const id = idOf(key);
      await runtime.prepare(id, { spec: benchSpec(recipe, id), lowerDirs: recipe.lowerDirs });
      await runtime.create(id);
      await runtime.start(id);
    },
    remove: (key) => runtime.delete(idOf(key), { force: true }),
  };
}

/** Where the raw floor runs runc: the runtime (for bundles and removal) and its runc root. */
export interface RawOptions {
  runtime: ContainerRuntime;
  recipe: BundleRecipe;
  /** runc's `--root` (the runtime's, so its delete finds the raw containers too). */
  runcRoot: string;
}

/**
 * A runc verb with stdin from /dev/null and stdout/stderr to a file, done when it exits: `runc create` hands
 * its stdio to the container, so with pipes (the platform runner's) the call would only end with the
 * container (notes, gotcha 1). Spawned with node's `spawn`, detached.
 */
async function runcVerb(argv: readonly string[], outputPath: string): Promise<void> {
  const [file, ...args] = argv;
  if (file === undefined) throw new Error("bench: empty argv");
  const output = await open(outputPath, "a", 0o600);
  let code: number | null;
  try {
    code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(file, args, { stdio: ["ignore", output.fd, output.fd] });
      child.once("error", reject);
      child.once("exit", (exitCode) => resolve(exitCode));
    });
  } finally {
    await output.close();
  }
  if (code !== 0) {
    const text = await readFile(outputPath, "utf8").catch(() => "");
    throw new Error(`bench: ${argv.join(" ")} failed (${code ?? "signal"}): ${text}`);
  }
}

/**
 * The floor: a bundle made exactly as the runtime makes it (untimed), then raw `runc create` +
 * `runc start` (timed), then the runtime's delete (untimed).
 */
export function rawSubject(options: RawOptions): Subject {
  const runc = findBinary("runc");
  const idOf = (key: string) => `raw-${key}`;
  return {
    label: "raw runc create + start (floor)",
    async setup(key) {
      const id = idOf(key);
      await options.runtime.prepare(id, {
        spec: benchSpec(options.recipe, id),
        lowerDirs: options.recipe.lowerDirs,
      });
    },
    async run(key) {
      const id = idOf(key);
      const bundle = options.runtime.paths(id).dir;
      await runcVerb(
        [runc, "--root", options.runcRoot, "create", "--bundle", bundle, id],
        join(bundle, "raw-runc.out"),
      );
      // plain spawn for both verbs (not the platform runner, whose execa layer would pad the floor)
      await runcVerb([runc, "--root", options.runcRoot, "start", id], join(bundle, "raw-runc.out"));
    },
    remove: (key) => options.runtime.delete(idOf(key), { force: true }),
  };
}
