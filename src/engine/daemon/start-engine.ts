import { mkdir } from "node:fs/promises";
import { commandSpecialFiles, ImageStore } from "../../image/index.js";
import { DnsServer } from "../../network/dns/index.js";
import {
  type AddressPool,
  holdHostPort,
  isHostPortFree,
  kernelNames,
  linuxNetworkHost,
  nftFirewall,
  pickFreeHostPort,
  withSubnetLock,
} from "../../network/index.js";
import { execaRunner } from "../../platform/execa-runner.js";
import { nodeClock } from "../../platform/node-clock.js";
import { packageVersion } from "../../platform/package-info.js";
import { acquirePidLock } from "../../platform/pid-lock.js";
import { nodeStreamingRunner } from "../../platform/streaming-runner.js";
import { linuxContainerRuntime } from "../../runtime/index.js";
import { errorMessage } from "../../shared/errors.js";
import type { AdoptReport } from "../core/adopt.js";
import { Engine } from "../engine.js";
import { procHostProbe } from "../host/proc-host-probe.js";
import { startEngineServer } from "../http/index.js";
import { fileForwardingMemo } from "../networks/forwarding-memo.js";
import { type EngineLocationOptions, type EnginePaths, enginePaths } from "../paths.js";
import { type EngineLog, silentLog } from "../util/engine-log.js";

/** Options of an engine started in this process. */
export interface StartEngineOptions extends EngineLocationOptions {
  log?: EngineLog;
  version?: string;
  runcBinary?: string;
  conmonBinary?: string;
  /** Static init for `Init: true` (default /usr/bin/catatonit). */
  initPath?: string;
  /** Pools new networks' subnets come from (default DEFAULT_ADDRESS_POOLS). */
  addressPools?: readonly AddressPool[];
}

/** A running engine: its API server on the socket, its paths, and how to stop it. */
export interface RunningEngine {
  engine: Engine;
  paths: EnginePaths;
  socketPath: string;
  /** What it found and did when it re-adopted containers. */
  adopted: AdoptReport;
  /** Stops serving and watching; containers keep running under conmon; releases the lock. */
  stop(): Promise<void>;
}

/**
 * Starts an engine in this process: takes the root's lock (one engine per root), wires the Linux
 * runtime and image store, re-adopts containers, then serves the API on the unix socket.
 */
export async function startEngine(options: StartEngineOptions = {}): Promise<RunningEngine> {
  const paths = enginePaths(options);
  const log = options.log ?? silentLog;
  await mkdir(paths.root, { recursive: true, mode: 0o711 });
  await mkdir(paths.runDir, { recursive: true, mode: 0o711 });
  const lock = await acquirePidLock(paths.lockFile, `the engine root ${paths.root}`);
  try {
    const runner = execaRunner();
    const clock = nodeClock();
    const runtime = linuxContainerRuntime({
      location: { root: paths.root, runDir: paths.runDir, instance: paths.instance },
      runner,
      streamer: nodeStreamingRunner(),
      clock,
      ...(options.runcBinary ? { runcBinary: options.runcBinary } : {}),
      ...(options.conmonBinary ? { conmonBinary: options.conmonBinary } : {}),
    });
    const images = new ImageStore({ root: paths.root, specials: commandSpecialFiles(runner) });
    const version = options.version ?? packageVersion();
    const engine = new Engine({
      paths,
      runtime,
      images,
      clock,
      host: procHostProbe(),
      version,
      log,
      ...(options.initPath ? { initPath: options.initPath } : {}),
      network: {
        host: linuxNetworkHost(runner),
        firewall: nftFirewall(runner, kernelNames(paths.instance).table),
        dns: (dnsOptions) => new DnsServer({ ...dnsOptions, log: (message) => log.debug(`dns: ${message}`) }),
        ports: { isFree: isHostPortFree, pickFree: pickFreeHostPort, hold: holdHostPort },
        subnetLock: (fn) => withSubnetLock(fn, { clock }),
        forwardingMemo: fileForwardingMemo(),
        ...(options.addressPools ? { addressPools: options.addressPools } : {}),
      },
    });
    const adopted = await engine.start();
    log.info(
      `adopted ${adopted.running.length} running, ${adopted.exited.length} exited meanwhile, ` +
        `${adopted.vanished.length} vanished, removed ${adopted.removed.length}, started ${adopted.started.length}`,
    );
    const server = await startEngineServer({
      backend: engine,
      socketPath: paths.socketPath,
      serverVersion: version,
      onInternalError: (error) => log.error(errorMessage(error)),
    });
    log.info(`engine ${version} (pid ${process.pid}) serving ${paths.socketPath}, root ${paths.root}`);
    let stopped: Promise<void> | undefined;
    return {
      engine,
      paths,
      socketPath: paths.socketPath,
      adopted,
      stop: () => {
        stopped ??= (async () => {
          await server.close();
          await engine.close();
          await lock.release();
          log.info("engine stopped; containers keep running");
        })();
        return stopped;
      },
    };
  } catch (error: unknown) {
    await lock.release();
    throw error;
  }
}
