import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ContainerCreateBody } from "../../../src/api/index.js";
import { Engine } from "../../../src/engine/engine.js";
import type { HostProbe } from "../../../src/engine/host/host-probe.js";
import { enginePaths } from "../../../src/engine/paths.js";
import { ImageStore, importRootfs, tarArchive } from "../../../src/image/index.js";
import { ContainerRuntime } from "../../../src/runtime/container-runtime.js";
import { FakeHost, type FakeHostOptions } from "../../../src/runtime/fakes/fake-host.js";
import type { Clock } from "../../../src/shared/ports.js";
import { ManualClock, settle } from "./manual-clock.js";

/** A clock for the runtime's own polling: each sleep takes a real millisecond but counts as `ms`. */
function fastClock(): Clock {
  let time = Date.UTC(2026, 0, 1);
  return {
    now: () => time,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, 1));
      signal?.throwIfAborted();
      time += ms;
    },
  };
}

/** An engine on the fake host, with a manual clock for health checks, back-offs and timestamps. */
export interface EngineFixture {
  root: string;
  host: FakeHost;
  /** The fake host's options (mutable: e.g. change `exec` between probes). */
  hostOptions: FakeHostOptions;
  clock: ManualClock;
  engine: Engine;
  runtime: ContainerRuntime;
  /** A new engine on the same root and host (an engine restart). */
  reopen(): Promise<Engine>;
  create(body?: Partial<ContainerCreateBody>, name?: string): Promise<string>;
  /** Waits (really) until `check` holds, settling between tries. */
  until(check: () => boolean | Promise<boolean>, what?: string): Promise<void>;
  dispose(): Promise<void>;
}

let counter = 0;

/** How long `until` waits (real time) before it fails. */
const UNTIL_MS = 30_000;

/** A deterministic random source. */
function seeded(seed: string) {
  let n = 0;
  return (size: number) => {
    const out = Buffer.alloc(size);
    for (let offset = 0; offset < size; offset += 32) {
      createHash("sha256").update(`${seed}:${n++}`).digest().copy(out, offset);
    }
    return out;
  };
}

/** Builds the fixture: a one-layer image `busybox:latest` (Cmd sleep) in a real image store. */
export async function engineFixture(
  options: Omit<FakeHostOptions, "exitsDir"> & { probe?: HostProbe } = {},
): Promise<EngineFixture> {
  const root = mkdtempSync(join(tmpdir(), "berth-engine-"));
  const paths = enginePaths({ root, runDir: join(root, "run"), instance: `c${counter++}` });
  const hostOptions: FakeHostOptions = { ...options, exitsDir: join(paths.runDir, "exits") };
  const host = new FakeHost(hostOptions);
  const clock = new ManualClock();
  const images = new ImageStore({
    root,
    specials: {
      makeNodes: async () => {},
      setXattrs: async () => [],
    },
  });
  const tar = tarArchive([
    { name: "etc/", type: "directory", mode: 0o755 },
    { name: "etc/passwd", type: "file", mode: 0o644, data: Buffer.from("root:x:0:0:root:/root:/bin/sh\n") },
    { name: "etc/group", type: "file", mode: 0o644, data: Buffer.from("root:x:0:\n") },
  ]);
  await importRootfs(images, {
    tar: (async function* () {
      yield tar;
    })(),
    reference: "busybox:latest",
    config: { Cmd: ["sleep", "1000"], Env: ["PATH=/bin"] },
    now: new Date(0),
  });
  const makeRuntime = () =>
    new ContainerRuntime({
      location: { root, runDir: paths.runDir, instance: paths.instance },
      oci: host.oci,
      shim: host.shim,
      mounter: host.mounter,
      cgroups: host.cgroups,
      clock: fastClock(),
      processes: host.processes,
      hostFacts: async () => ({ rlimitNofileHard: 4096 }),
      pollMs: 5,
    });
  const runtime = makeRuntime();
  const probe = options.probe ?? { processes: async () => [], oomKilled: async () => false };
  const open = (rt: ContainerRuntime) =>
    new Engine({
      paths,
      runtime: rt,
      images,
      clock,
      host: probe,
      version: "0.0.0-test",
      random: seeded(root),
      initPath: "/fake/catatonit",
      resolvConf: async () => "nameserver 127.0.0.53\n",
    });
  const engine = open(runtime);
  await engine.start();
  const engines = [engine];
  return {
    root,
    host,
    hostOptions,
    clock,
    engine,
    runtime,
    reopen: async () => {
      const next = open(makeRuntime());
      engines.push(next);
      await next.start();
      return next;
    },
    create: async (body = {}, name) => (await engine.createContainer({ Image: "busybox", ...body }, name)).Id,
    until: async (check, what = "condition") => {
      // Generous: the fake runtime's polling takes real (if tiny) sleeps, slow on a loaded machine.
      const deadline = Date.now() + UNTIL_MS;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out after ${UNTIL_MS} ms waiting for ${what}`);
        await settle();
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
    dispose: async () => {
      for (const e of engines) await e.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
