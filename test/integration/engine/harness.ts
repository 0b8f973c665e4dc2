import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { type RunningEngine, startEngine } from "../../../src/engine/daemon/start-engine.js";
import { cleanupNetworkInstance } from "../../../src/engine/networks/cleanup-network-instance.js";
import { commandSpecialFiles, ImageStore } from "../../../src/image/index.js";
import { execaRunner } from "../../../src/platform/execa-runner.js";
import { nodeClock } from "../../../src/platform/node-clock.js";
import { nodeStreamingRunner } from "../../../src/platform/streaming-runner.js";
import { linuxContainerRuntime } from "../../../src/runtime/index.js";
import { ensureBusyboxImage, makeBusyboxRootfs } from "../../support/busybox-image.js";
import { leftovers } from "../runtime/harness.js";
import { Api } from "./api.js";
import { networkKernelLeftovers, networkKernelNamesOf } from "./network-leftovers.js";

/** Where one test engine lives. */
export interface EngineLocation {
  root: string;
  runDir: string;
  instance: string;
  socketPath: string;
}

/** A fresh mkdtemp root and a unique instance name. */
export function freshLocation(prefix = "berth-eng-"): EngineLocation {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const instance = `e${root
    .slice(-6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x")}${process.pid}`;
  return { root, runDir: join(root, "run"), instance, socketPath: join(root, "berth.sock") };
}

/** Puts the busybox image (`busybox:latest`, Cmd sh) in the root's image store. */
export async function addBusybox(root: string): Promise<void> {
  await ensureBusyboxImage(new ImageStore({ root, specials: commandSpecialFiles(execaRunner()) }));
}

/** A busybox rootfs tar to import with changes (`POST /images/create?fromSrc=-`). */
export async function busyboxTar(dir: string): Promise<Buffer> {
  const path = join(dir, "rootfs.tar");
  await makeBusyboxRootfs(path);
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** An in-process engine on a fresh root with busybox, its API, and a cleanup that proves nothing is left. */
export interface EngineEnv {
  location: EngineLocation;
  engine: RunningEngine;
  api: Api;
  finish(): Promise<void>;
}

/** Removes every container, stops the engine, cleans the instance and checks that nothing of it remains. */
export async function cleanupAndCheck(
  location: EngineLocation,
  api?: Api,
  engine?: RunningEngine,
): Promise<void> {
  if (api) {
    const list = (await api.ok<{ Id: string }[]>("GET", "/containers/json?all=1")) ?? [];
    for (const c of list) await api.ok("DELETE", `/containers/${c.Id}?force=1&v=1`);
    const custom = encodeURIComponent(JSON.stringify({ type: ["custom"] }));
    const networks = (await api.ok<{ Id: string }[]>("GET", `/networks?filters=${custom}`)) ?? [];
    for (const n of networks) await api.ok("DELETE", `/networks/${n.Id}`);
  }
  const kernel = engine ? networkKernelNamesOf(location.instance, engine.engine) : undefined;
  await engine?.stop();
  // The engine removed every network it was asked to remove; only the default bridge (kept like docker0)
  // and the instance's table may remain for the cleanup that `berth engine reset` also runs.
  // Without the API (a test that stopped its engine with containers running) their netns are still
  // there: the cleanup removes them, and only then is the host checked.
  const cleaned = await cleanupNetworkInstance(location);
  if (api) expect(cleaned.netns, "netns of the instance left after its containers were removed").toEqual([]);
  expect(cleaned.bridges.length, "bridges left besides the default one").toBeLessThanOrEqual(1);
  expect(networkKernelLeftovers(location.instance, kernel ?? { bridges: [], veths: [] })).toEqual([]);
  if (api) {
    // The engine removed every container: runc deletes only the leaves, the engine its instance's
    // parent cgroup dirs; nothing may wait for cleanupInstance (which a stopped engine never runs).
    const instance = { root: location.root, runDir: location.runDir, instance: location.instance };
    const cgroups = leftovers(instance).filter((entry) => entry.startsWith("cgroup "));
    expect(cgroups, "cgroup dirs of the instance after its last container was removed").toEqual([]);
  }
  const runtime = linuxContainerRuntime({
    location: { root: location.root, runDir: location.runDir, instance: location.instance },
    runner: execaRunner(),
    streamer: nodeStreamingRunner(),
    clock: nodeClock(),
  });
  await runtime.cleanupInstance();
  expect(leftovers({ root: location.root, runDir: location.runDir, instance: location.instance })).toEqual(
    [],
  );
  rmSync(location.root, { recursive: true, force: true });
}

/** Starts an engine in this process. */
export async function engineEnv(): Promise<EngineEnv> {
  const location = freshLocation();
  await addBusybox(location.root);
  const engine = await startEngine(location);
  const api = new Api(engine.socketPath);
  return { location, engine, api, finish: () => cleanupAndCheck(location, api, engine) };
}

/** Polls `check` (real time) until it holds or `ms` pass. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
