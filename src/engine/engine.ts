import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type {
  ContainerCreateBody,
  ContainerCreateResponse,
  ContainerInspect,
  ContainerKillQuery,
  ContainerListQuery,
  ContainerLogsQuery,
  ContainerRemoveQuery,
  ContainerStopQuery,
  ContainerSummary,
  ContainerTopQuery,
  ContainerTopResponse,
  ContainerWaitQuery,
  ContainerWaitResponse,
  EventMessage,
  EventsQuery,
  ExecCreateBody,
  ExecInspect,
  IdResponse,
  ImageDeleteItem,
  ImageImportOptions,
  ImageInspect,
  ImageListQuery,
  ImageLoadQuery,
  ImageLoadResult,
  ImagePruneQuery,
  ImagePruneResponse,
  ImageRemoveQuery,
  ImageSummary,
  ImageTagQuery,
  NetworkConnectBody,
  NetworkCreateBody,
  NetworkCreateResponse,
  NetworkDisconnectBody,
  NetworkInspect,
  NetworkListQuery,
  NetworkPruneQuery,
  NetworkPruneResponse,
  StateChange,
  SystemInfo,
  SystemVersion,
  VolumeCreateBody,
  VolumeInspect,
  VolumeListQuery,
  VolumeListResponse,
  VolumePruneQuery,
  VolumePruneResponse,
  VolumeRemoveQuery,
} from "../api/index.js";
import type { ImageStore } from "../image/index.js";
import type { ContainerRuntime } from "../runtime/index.js";
import { BerthError, errorMessage } from "../shared/errors.js";
import type { Clock } from "../shared/ports.js";
import type { AttachOptions, EngineBackend, ExecStartRequest, ExecStream, LogStream } from "./backend.js";
import { type AdoptReport, adoptContainers, detachAll } from "./core/adopt.js";
import { attachContainer } from "./core/attach-container.js";
import { createContainer } from "./core/create-container.js";
import type { EngineCore } from "./core/engine-core.js";
import { emitContainer, saveRecord } from "./core/engine-core.js";
import { containerLogs, inspectContainer, listContainers, topContainer } from "./core/query-containers.js";
import { removeContainer } from "./core/remove-container.js";
import { restartAfterBackoff } from "./core/run-container.js";
import {
  killContainer,
  pauseContainer,
  restartContainer,
  startContainer,
  stopContainer,
  unpauseContainer,
} from "./core/stop-container.js";
import { infoOf, versionOf } from "./core/system-views.js";
import { waitContainer } from "./core/wait-container.js";
import { EventBus } from "./events/event-bus.js";
import { ExecService } from "./exec/exec-service.js";
import { HealthMonitor } from "./health/health-monitor.js";
import { applyProbeResult } from "./health/health-state.js";
import type { HostProbe } from "./host/host-probe.js";
import { ImageService } from "./images/image-service.js";
import { sweepNetworking } from "./networks/network-adopt.js";
import type { NetworkDeps } from "./networks/network-deps.js";
import { NetworkManager } from "./networks/network-manager.js";
import * as networkService from "./networks/network-service.js";
import type { EnginePaths } from "./paths.js";
import { RestartManager } from "./restart/restart-manager.js";
import type { RandomBytes } from "./state/names.js";
import { StateStore } from "./state/state-store.js";
import { type EngineLog, silentLog } from "./util/engine-log.js";
import { KeyedMutex } from "./util/keyed-mutex.js";
import { VolumeService } from "./volumes/volume-service.js";

/** What an engine is made of (the daemon wires the Linux adapters, tests the fakes). */
export interface EngineOptions {
  paths: EnginePaths;
  runtime: ContainerRuntime;
  images: ImageStore;
  clock: Clock;
  host: HostProbe;
  version: string;
  initPath?: string;
  random?: RandomBytes;
  log?: EngineLog;
  /** The host's resolv.conf (default: read /etc/resolv.conf). */
  resolvConf?: () => Promise<string>;
  /** Networking (bridges, DNS, ports); without it containers get a loopback interface only. */
  network?: NetworkDeps;
}

async function hostResolvConf(): Promise<string> {
  try {
    return await readFile("/etc/resolv.conf", "utf8");
  } catch {
    return "";
  }
}

/** berth's engine: containers on the runtime, images in the store, health, restarts, events, state. */
export class Engine implements EngineBackend {
  readonly core: EngineCore;
  private readonly execs: ExecService;
  private readonly imageService: ImageService;
  private readonly volumeService: VolumeService;
  private readonly serverVersion: string;

  constructor(options: EngineOptions) {
    const log = options.log ?? silentLog;
    const mutex = new KeyedMutex();
    const core = {} as EngineCore;
    Object.assign(core, {
      paths: options.paths,
      runtime: options.runtime,
      images: options.images,
      clock: options.clock,
      host: options.host,
      random: options.random ?? ((size: number) => randomBytes(size)),
      log,
      initPath: options.initPath ?? "/usr/bin/catatonit",
      resolvConf: options.resolvConf ?? hostResolvConf,
      store: new StateStore(options.paths.stateDir),
      records: new Map(),
      mutex,
      events: new EventBus(options.clock),
      health: new HealthMonitor({
        clock: options.clock,
        exec: async (id, argv, signal) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const append = (chunk: Buffer) => {
            if (size < 8192) chunks.push(chunk);
            size += chunk.length;
          };
          const exitCode = await options.runtime.exec(id, {
            argv,
            onStdout: append,
            onStderr: append,
            signal,
          });
          return { exitCode, output: Buffer.concat(chunks).toString("utf8") };
        },
        report: (id, entry, inStartPeriod) => this.reportHealth(id, entry, inStartPeriod),
        onError: (id, error) => log.warn(`health check of ${id}: ${errorMessage(error)}`),
      }),
      restarts: new RestartManager({
        clock: options.clock,
        restart: (id) => restartAfterBackoff(core, id),
        onError: (id, error) => log.warn(`restart of ${id}: ${errorMessage(error)}`),
      }),
      watchers: new Map(),
      exitCounts: new Map(),
      changed: new Map(),
      closed: false,
    } satisfies EngineCore);
    this.core = core;
    if (options.network) core.networks = new NetworkManager(core, options.network);
    this.execs = new ExecService(core);
    this.imageService = new ImageService(core);
    this.volumeService = new VolumeService(core);
    this.serverVersion = options.version;
  }

  private async reportHealth(
    id: string,
    entry: Parameters<typeof applyProbeResult>[1],
    inStartPeriod: boolean,
  ) {
    return this.core.mutex.run(id, async () => {
      const record = this.core.records.get(id);
      if (!record?.spec.health || record.state.status !== "running") return undefined;
      const before = record.health ?? { Status: "starting" as const, FailingStreak: 0, Log: [] };
      const after = applyProbeResult(before, entry, { retries: record.spec.health.retries, inStartPeriod });
      record.health = after;
      await saveRecord(this.core, record);
      if (after.Status !== before.Status) emitContainer(this.core, record, `health_status: ${after.Status}`);
      return after;
    });
  }

  /** Loads state and re-adopts containers (call once, before serving). */
  async start(): Promise<AdoptReport> {
    const volumes = await this.volumeService.store.cleanup();
    if (volumes.length > 0) this.core.log.info(`removed half-made volume dirs: ${volumes.join(", ")}`);
    await this.core.networks?.adopt();
    const report = await adoptContainers(this.core);
    if (this.core.networks) await sweepNetworking(this.core, this.core.networks);
    return report;
  }

  /** Stops watchers, probes and pending restarts; containers keep running under conmon. */
  async close(): Promise<void> {
    this.core.closed = true;
    detachAll(this.core, this.core.records.values());
    await this.core.networks?.close();
  }

  version(): Promise<SystemVersion> {
    return Promise.resolve(versionOf(this.serverVersion));
  }
  info(): Promise<SystemInfo> {
    return infoOf(this.core, this.serverVersion);
  }
  events(query: EventsQuery, signal: AbortSignal): AsyncIterable<EventMessage> {
    return this.core.events.subscribe(query, signal);
  }

  createContainer(body: ContainerCreateBody, name: string | undefined): Promise<ContainerCreateResponse> {
    return createContainer(this.core, body, name);
  }
  startContainer(id: string): Promise<StateChange> {
    return startContainer(this.core, id);
  }
  stopContainer(id: string, query: ContainerStopQuery): Promise<StateChange> {
    return stopContainer(this.core, id, query);
  }
  restartContainer(id: string, query: ContainerStopQuery): Promise<void> {
    return restartContainer(this.core, id, query);
  }
  killContainer(id: string, query: ContainerKillQuery): Promise<void> {
    return killContainer(this.core, id, query);
  }
  waitContainer(id: string, query: ContainerWaitQuery, signal: AbortSignal): Promise<ContainerWaitResponse> {
    return waitContainer(this.core, id, query, signal);
  }
  async removeContainer(id: string, query: ContainerRemoveQuery): Promise<void> {
    const full = inspectContainer(this.core, id).Id;
    await removeContainer(this.core, id, query);
    this.execs.forgetContainer(full);
  }
  async inspectContainer(id: string): Promise<ContainerInspect> {
    return inspectContainer(this.core, id);
  }
  async listContainers(query: ContainerListQuery): Promise<ContainerSummary[]> {
    return listContainers(this.core, query);
  }
  async containerLogs(id: string, query: ContainerLogsQuery, signal: AbortSignal): Promise<LogStream> {
    return containerLogs(this.core, id, query, signal);
  }
  attachContainer(id: string, options: AttachOptions, signal: AbortSignal): Promise<LogStream> {
    return attachContainer(this.core, id, options, signal);
  }
  pauseContainer(id: string): Promise<void> {
    return pauseContainer(this.core, id);
  }
  unpauseContainer(id: string): Promise<void> {
    return unpauseContainer(this.core, id);
  }
  topContainer(id: string, query: ContainerTopQuery): Promise<ContainerTopResponse> {
    return topContainer(this.core, id, query);
  }

  async createExec(containerId: string, body: ExecCreateBody): Promise<IdResponse> {
    return this.execs.create(containerId, body);
  }
  startExec(id: string, request: ExecStartRequest): Promise<ExecStream> {
    return this.execs.start(id, request);
  }
  async inspectExec(id: string): Promise<ExecInspect> {
    return this.execs.inspect(id);
  }

  listImages(query: ImageListQuery): Promise<ImageSummary[]> {
    return this.imageService.list(query);
  }
  inspectImage(name: string): Promise<ImageInspect> {
    return this.imageService.inspect(name);
  }
  tagImage(name: string, query: ImageTagQuery): Promise<void> {
    return this.imageService.tag(name, query);
  }
  removeImage(name: string, query: ImageRemoveQuery): Promise<ImageDeleteItem[]> {
    return this.imageService.remove(name, query);
  }
  loadImages(archive: AsyncIterable<Buffer>, _query: ImageLoadQuery): Promise<ImageLoadResult> {
    return this.imageService.load(archive);
  }
  saveImages(names: string[], _signal: AbortSignal): Promise<AsyncIterable<Buffer>> {
    return this.imageService.save(names);
  }
  pruneImages(query: ImagePruneQuery): Promise<ImagePruneResponse> {
    return this.imageService.prune(query);
  }
  importImage(rootfs: AsyncIterable<Buffer>, options: ImageImportOptions): Promise<IdResponse> {
    return this.imageService.import(rootfs, options);
  }

  listVolumes(query: VolumeListQuery): Promise<VolumeListResponse> {
    return this.volumeService.list(query.filters);
  }
  createVolume(body: VolumeCreateBody): Promise<VolumeInspect> {
    return this.volumeService.create(body);
  }
  inspectVolume(name: string): Promise<VolumeInspect> {
    return this.volumeService.inspect(name);
  }
  removeVolume(name: string, query: VolumeRemoveQuery): Promise<void> {
    return this.volumeService.remove(name, { force: query.force });
  }
  pruneVolumes(query: VolumePruneQuery): Promise<VolumePruneResponse> {
    return this.volumeService.prune(query.filters);
  }

  private get networks(): NetworkManager {
    const manager = this.core.networks;
    if (!manager) throw new BerthError("INVALID_ARGUMENT", "networking is not configured in this engine");
    return manager;
  }
  async listNetworks(query: NetworkListQuery): Promise<NetworkInspect[]> {
    return networkService.listNetworks(this.core, this.networks, query);
  }
  async inspectNetwork(id: string): Promise<NetworkInspect> {
    return networkService.inspectNetwork(this.core, this.networks, id);
  }
  createNetwork(body: NetworkCreateBody): Promise<NetworkCreateResponse> {
    return networkService.createNetwork(this.networks, body);
  }
  removeNetwork(id: string): Promise<void> {
    return this.networks.remove(id);
  }
  connectNetwork(id: string, body: NetworkConnectBody): Promise<void> {
    return networkService.connectNetwork(this.core, this.networks, id, body);
  }
  disconnectNetwork(id: string, body: NetworkDisconnectBody): Promise<void> {
    return networkService.disconnectNetwork(this.core, this.networks, id, body);
  }
  pruneNetworks(query: NetworkPruneQuery): Promise<NetworkPruneResponse> {
    return networkService.pruneNetworks(this.core, this.networks, query);
  }
}
