import { join } from "node:path";
import { EngineClient } from "../client/index.js";
import { spawnDaemon, terminateProcess } from "../platform/daemon-spawn.js";
import { nodeClock } from "../platform/node-clock.js";
import { readPid } from "../runtime/fs-util.js";
import type { CommandRunner } from "../shared/ports.js";
import { importBusybox } from "./engine-busybox.js";
import { type BenchLocation, processAlive, until, vmRssKib } from "./engine-host.js";
import { BENCH_BODY } from "./engine-subjects.js";
import { type BenchRow, median } from "./stats.js";

/** What the memory bench needs: the CLI bundle, a fresh location, the busybox rootfs tar. */
export interface MemoryOptions {
  cliPath: string;
  location: BenchLocation;
  tarPath: string;
  runner: CommandRunner;
  /** Running `sleep` containers to measure with. */
  containers: number;
}

const SETTLE_MS = 1500;
const READS = 5;

function mib(kib: number, digits = 1): string {
  return `${(kib / 1024).toFixed(digits)} MiB`;
}

/** Median of a few VmRSS reads 200 ms apart, after letting the process settle. */
async function steadyRss(pid: number): Promise<number> {
  const clock = nodeClock();
  await clock.sleep(SETTLE_MS);
  const reads: number[] = [];
  for (let i = 0; i < READS; i++) {
    const rss = await vmRssKib(pid);
    if (rss === undefined) throw new Error(`bench: process ${pid} is gone`);
    reads.push(rss);
    await clock.sleep(200);
  }
  return median(reads);
}

async function rssOf(pid: number | undefined, what: string): Promise<number> {
  const rss = pid === undefined ? undefined : await vmRssKib(pid);
  if (rss === undefined) throw new Error(`bench: cannot read the RSS of ${what} (pid ${pid ?? "unknown"})`);
  return rss;
}

/** Runs `containers` sleep containers through the API; returns their conmon and init PIDs. */
async function runContainers(
  client: EngineClient,
  options: MemoryOptions,
): Promise<{ ids: string[]; conmons: number[]; inits: number[] }> {
  const ids: string[] = [];
  const conmons: number[] = [];
  const inits: number[] = [];
  for (let i = 0; i < options.containers; i++) {
    const { Id } = await client.createContainer(BENCH_BODY, `mem-${i}`);
    ids.push(Id);
    await client.startContainer(Id);
    const conmon = await readPid(join(options.location.root, "containers", Id, "conmon.pid"));
    if (conmon === undefined) throw new Error(`bench: no conmon pid file for ${Id}`);
    conmons.push(conmon);
    inits.push((await client.inspectContainer(Id)).State.Pid);
  }
  return { ids, conmons, inits };
}

/**
 * Starts `node dist/cli/berth.mjs engine` on the location, reads its idle RSS, runs the containers,
 * reads the engine's RSS again and each conmon's; removes the containers and stops the engine (SIGTERM,
 * by PID) whatever happens.
 */
export async function measureMemory(options: MemoryOptions): Promise<BenchRow[]> {
  const { location } = options;
  await importBusybox({ root: location.root, tarPath: options.tarPath, runner: options.runner });
  const pid = spawnDaemon({
    argv: [
      process.execPath,
      options.cliPath,
      "engine",
      "--root",
      location.root,
      "--run-dir",
      location.runDir,
      "--instance",
      location.instance,
      "--socket",
      location.socketPath,
      "--log-level",
      "warn",
    ],
    logFile: join(location.root, "engine.log"),
  });
  const client = new EngineClient(location.socketPath);
  const ids: string[] = [];
  try {
    await until(async () => (await processAlive(pid)) && (await client.ping()), "the CLI engine to answer");
    const idle = await steadyRss(pid);
    const run = await runContainers(client, options);
    ids.push(...run.ids);
    const busy = await steadyRss(pid);
    const conmon = median(await Promise.all(run.conmons.map((p) => rssOf(p, "conmon"))));
    const init = median(await Promise.all(run.inits.map((p) => rssOf(p, "a container's sleep"))));
    const growth = (busy - idle) / options.containers;
    const n = options.containers;
    return [
      { name: "engine idle RSS (node dist/cli/berth.mjs engine, no containers)", value: mib(idle) },
      {
        name: `engine RSS with ${n} running sleep containers`,
        value: mib(busy),
        note: `+${mib(busy - idle)}, ${mib(growth, 2)} per container`,
      },
      { name: "conmon RSS per container", value: mib(conmon, 2), note: `median of ${n}` },
      {
        name: "memory per running container (engine growth + conmon)",
        value: mib(growth + conmon, 2),
        note: `the container's own sleep, not counted: ${mib(init, 2)}`,
      },
    ];
  } finally {
    for (const id of ids) await client.removeContainer(id, { force: true, v: true }).catch(() => undefined);
    if (await processAlive(pid)) terminateProcess(pid);
    await until(async () => !(await processAlive(pid)), `the CLI engine (pid ${pid}) to stop`);
  }
}
