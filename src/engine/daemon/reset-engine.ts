import { mkdir, rm } from "node:fs/promises";
import { execaRunner } from "../../platform/execa-runner.js";
import { nodeClock } from "../../platform/node-clock.js";
import { acquirePidLock } from "../../platform/pid-lock.js";
import { nodeStreamingRunner } from "../../platform/streaming-runner.js";
import { linuxContainerRuntime } from "../../runtime/index.js";
import { cleanupNetworkInstance, type NetworkCleanupReport } from "../networks/cleanup-network-instance.js";
import { type EngineLocationOptions, enginePaths } from "../paths.js";

/** What `resetEngineInstance` removed. */
export interface ResetReport {
  root: string;
  instance: string;
  network: NetworkCleanupReport;
}

/**
 * `berth engine reset`: with the engine stopped (its lock is held meanwhile, so none starts), removes
 * every container of the instance (killed if running: runc, conmon, mounts, cgroups) and their records,
 * then every network with its kernel objects (netns, bridges incl. the default one, the nft table).
 * Images and volumes are kept.
 */
export async function resetEngineInstance(options: EngineLocationOptions = {}): Promise<ResetReport> {
  const paths = enginePaths(options);
  await mkdir(paths.root, { recursive: true, mode: 0o711 });
  const lock = await acquirePidLock(paths.lockFile, `the engine root ${paths.root}`);
  try {
    const runtime = linuxContainerRuntime({
      location: { root: paths.root, runDir: paths.runDir, instance: paths.instance },
      runner: execaRunner(),
      streamer: nodeStreamingRunner(),
      clock: nodeClock(),
    });
    await runtime.cleanupInstance();
    await rm(paths.stateDir, { recursive: true, force: true });
    const network = await cleanupNetworkInstance(paths);
    return { root: paths.root, instance: paths.instance, network };
  } finally {
    await lock.release();
  }
}
