import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EngineClient } from "../client/index.js";
import { type RunningEngine, startEngine } from "../engine/daemon/start-engine.js";
import { execaRunner } from "../platform/execa-runner.js";
import { errorMessage } from "../shared/errors.js";
import { importBusybox, makeBusyboxRootfs } from "./engine-busybox.js";
import { type BenchLocation, benchLocation, benchRuntime, leftovers, loadAverage } from "./engine-host.js";
import { latencyRows, measureLatency } from "./engine-latency.js";
import { measureMemory } from "./engine-memory.js";
import {
  apiSubject,
  type BundleRecipe,
  engineSubject,
  rawSubject,
  runtimeSubject,
} from "./engine-subjects.js";
import type { BenchRow } from "./stats.js";

const SINGLE_SAMPLES = 15;
const PARALLEL_SAMPLES = 5;
const PARALLEL = 20;
const TARGET = 1.5;

/** The /etc files every bench container gets (the engine writes its own per container). */
async function writeEtcFiles(dir: string): Promise<BundleRecipe["etcFiles"]> {
  await mkdir(dir, { recursive: true });
  const files = {
    hostname: join(dir, "hostname"),
    hosts: join(dir, "hosts"),
    resolvConf: join(dir, "resolv.conf"),
  };
  await writeFile(files.hostname, "bench\n");
  await writeFile(files.hosts, "127.0.0.1\tlocalhost\n127.0.0.1\tbench\n");
  await writeFile(files.resolvConf, await readFile("/etc/resolv.conf", "utf8").catch(() => ""));
  return files;
}

async function latencyAndRaw(parent: string, engine: RunningEngine, raw: BenchLocation): Promise<BenchRow[]> {
  const images = engine.engine.core.images;
  const image = await images.resolve("busybox");
  const layers = await images.unpack(image.id);
  const recipe: BundleRecipe = {
    image,
    lowerDirs: layers.map((layer) => layer.path).reverse(),
    etcFiles: await writeEtcFiles(join(parent, "etc")),
  };
  const rawRuntime = benchRuntime(raw);
  const client = new EngineClient(engine.socketPath);
  const berth = [
    apiSubject(client, "api"),
    engineSubject(engine.engine, "eng"),
    runtimeSubject(rawRuntime, recipe),
  ];
  const floor = rawSubject({ runtime: rawRuntime, recipe, runcRoot: join(raw.runDir, "runc") });
  const single = await measureLatency({
    berth,
    raw: floor,
    samples: SINGLE_SAMPLES,
    containers: 1,
    target: TARGET,
  });
  const parallel = await measureLatency({
    berth,
    raw: floor,
    samples: PARALLEL_SAMPLES,
    containers: PARALLEL,
    target: TARGET,
  });
  const listed = await client.listContainers({ all: true });
  if (listed.length > 0)
    throw new Error(`bench: containers still listed by the engine: ${listed.map((c) => c.Id).join(", ")}`);
  return [...latencyRows(single, TARGET), ...latencyRows(parallel, TARGET)];
}

/** Removes every object of the locations and the temp root; returns what could not be removed. */
async function cleanUp(parent: string, locations: readonly BenchLocation[]): Promise<string[]> {
  const runner = execaRunner();
  const problems: string[] = [];
  for (const location of locations) {
    try {
      await benchRuntime(location).cleanupInstance();
    } catch (error: unknown) {
      problems.push(`cleanup of ${location.root}: ${errorMessage(error)}`);
    }
    problems.push(...(await leftovers(location, runner)));
  }
  if (problems.length === 0) {
    await rm(parent, { recursive: true, force: true });
    if (existsSync(parent)) problems.push(`temp root ${parent} is still there`);
  }
  return problems;
}

/**
 * The engine section of `npm run bench` (needs root): create+start latency of 1 and of 20 containers
 * against raw runc in the same run, through the API, the Engine and the runtime; engine memory (each
 * part can be left out). Leaves nothing behind and throws when it cannot prove that.
 */
export async function benchEngine(
  cliPath: string,
  parts: { latency: boolean; memory: boolean } = { latency: true, memory: true },
): Promise<BenchRow[]> {
  if (parts.memory && !existsSync(cliPath)) throw new Error(`bench: ${cliPath} is missing (npm run build)`);
  const loadBefore = loadAverage();
  const parent = await mkdtemp(join(tmpdir(), "berth-bench-eng-"));
  const suffix = `${parent
    .slice(-6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x")}${process.pid}`;
  const api = benchLocation(parent, "api", suffix);
  const raw = benchLocation(parent, "raw", suffix);
  const cli = benchLocation(parent, "cli", suffix);
  const runner = execaRunner();
  let running: RunningEngine | undefined;
  let failure: unknown;
  const rows: BenchRow[] = [];
  try {
    const tarPath = join(parent, "busybox-rootfs.tar");
    await makeBusyboxRootfs(runner, tarPath);
    if (parts.latency) {
      await importBusybox({ root: api.root, tarPath, runner });
      running = await startEngine({ ...api });
      rows.push(...(await latencyAndRaw(parent, running, raw)));
      await running.stop();
      running = undefined;
    }
    if (parts.memory) {
      rows.push(...(await measureMemory({ cliPath, location: cli, tarPath, runner, containers: PARALLEL })));
    }
  } catch (error: unknown) {
    failure = error;
  }
  await running?.stop().catch(() => undefined);
  const problems = await cleanUp(parent, [api, raw, cli]);
  if (problems.length > 0) {
    throw new Error(`bench: the engine section left things behind:\n  ${problems.join("\n  ")}`, {
      cause: failure,
    });
  }
  if (failure !== undefined) throw failure;
  rows.push({
    name: "load average (1/5/15 min) before / after",
    value: "",
    note: `${loadBefore} / ${loadAverage()}`,
  });
  rows.push({
    name: "cleanup: containers, engines, mounts, cgroups, runc, conmon, temp roots",
    value: "all gone",
  });
  return rows;
}
