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
  ExecStartBody,
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
  LogChunk,
  NetworkConnectBody,
  NetworkCreateBody,
  NetworkCreateResponse,
  NetworkDisconnectBody,
  NetworkInspect,
  NetworkListQuery,
  NetworkPruneQuery,
  NetworkPruneResponse,
  OutputChunk,
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

/** Container output as a stream: `tty` picks raw bytes over multiplexed framing on the wire. */
export interface LogStream {
  tty: boolean;
  chunks: AsyncIterable<LogChunk>;
}

/** A started exec: its output ends when the process exits (the exit code is then in `inspectExec`). */
export interface ExecStream {
  tty: boolean;
  output: AsyncIterable<OutputChunk>;
}

/** POST /containers/{id}/attach options (Docker's query): which streams, past output, live output. */
export interface AttachOptions {
  /** The output so far (Docker's `logs`). */
  logs: boolean;
  /** Live output until the container's next exit (Docker's `stream`). */
  stream: boolean;
  stdout: boolean;
  stderr: boolean;
}

/** What the HTTP server needs to start an exec: the options, stdin (when attached) and cancellation. */
export interface ExecStartRequest {
  options: ExecStartBody;
  /** Bytes from the client (hijacked connections only); ends when the client closes its write side. */
  stdin?: AsyncIterable<Buffer>;
  signal: AbortSignal;
}

/**
 * The engine as the HTTP server sees it: one method per API operation, in the API's types.
 * Errors are BerthErrors (src/shared/errors.ts); the server maps their codes to HTTP statuses:
 * NOT_FOUND → 404, CONFLICT and STATE_TRANSITION → 409, USAGE and INVALID_ARGUMENT → 400, else 500.
 * Start/stop report no-ops through `StateChange` ("unchanged" → 304), not through errors.
 * Every `signal` aborts when the client goes away; streams must then end promptly.
 */
export interface EngineBackend {
  /** GET /version. */
  version(): Promise<SystemVersion>;
  /** GET /info. */
  info(): Promise<SystemInfo>;
  /** GET /events: past events in the window, then (without `until`) live ones until `signal` aborts. */
  events(query: EventsQuery, signal: AbortSignal): AsyncIterable<EventMessage>;

  /** POST /containers/create (`name` without a leading slash, or undefined for a generated one). */
  createContainer(body: ContainerCreateBody, name: string | undefined): Promise<ContainerCreateResponse>;
  /** POST /containers/{id}/start. */
  startContainer(id: string): Promise<StateChange>;
  /** POST /containers/{id}/stop (`t` grace seconds, `signal` instead of the stop signal). */
  stopContainer(id: string, query: ContainerStopQuery): Promise<StateChange>;
  /** POST /containers/{id}/restart. */
  restartContainer(id: string, query: ContainerStopQuery): Promise<void>;
  /** POST /containers/{id}/kill (STATE_TRANSITION when it is not running). */
  killContainer(id: string, query: ContainerKillQuery): Promise<void>;
  /** POST /containers/{id}/wait: resolves when the condition holds. */
  waitContainer(id: string, query: ContainerWaitQuery, signal: AbortSignal): Promise<ContainerWaitResponse>;
  /** DELETE /containers/{id} (CONFLICT when running and not forced). */
  removeContainer(id: string, query: ContainerRemoveQuery): Promise<void>;
  /** GET /containers/{id}/json. */
  inspectContainer(id: string): Promise<ContainerInspect>;
  /** GET /containers/json (filters already parsed; unknown keys rejected by the server). */
  listContainers(query: ContainerListQuery): Promise<ContainerSummary[]>;
  /** GET /containers/{id}/logs: rejects (e.g. NOT_FOUND) before the first chunk, so the status is right. */
  containerLogs(id: string, query: ContainerLogsQuery, signal: AbortSignal): Promise<LogStream>;
  /**
   * POST /containers/{id}/attach: resolves once attached (output from then on is never missed); the
   * chunks end at the container's next exit (or at once without `stream`), or when it is removed.
   */
  attachContainer(id: string, options: AttachOptions, signal: AbortSignal): Promise<LogStream>;
  /** POST /containers/{id}/pause. */
  pauseContainer(id: string): Promise<void>;
  /** POST /containers/{id}/unpause. */
  unpauseContainer(id: string): Promise<void>;
  /** GET /containers/{id}/top. */
  topContainer(id: string, query: ContainerTopQuery): Promise<ContainerTopResponse>;

  /** POST /containers/{id}/exec. */
  createExec(containerId: string, body: ExecCreateBody): Promise<IdResponse>;
  /** POST /exec/{id}/start (with `Detach` the output is empty and the call returns once started). */
  startExec(id: string, request: ExecStartRequest): Promise<ExecStream>;
  /** GET /exec/{id}/json. */
  inspectExec(id: string): Promise<ExecInspect>;

  /** GET /images/json. */
  listImages(query: ImageListQuery): Promise<ImageSummary[]>;
  /** GET /images/{name}/json. */
  inspectImage(name: string): Promise<ImageInspect>;
  /** POST /images/{name}/tag. */
  tagImage(name: string, query: ImageTagQuery): Promise<void>;
  /** DELETE /images/{name}. */
  removeImage(name: string, query: ImageRemoveQuery): Promise<ImageDeleteItem[]>;
  /** POST /images/load: a `docker save` or OCI archive as a byte stream. */
  loadImages(archive: AsyncIterable<Buffer>, query: ImageLoadQuery): Promise<ImageLoadResult>;
  /** GET /images/get and /images/{name}/get: a `docker save`-format tar of the named images. */
  saveImages(names: string[], signal: AbortSignal): Promise<AsyncIterable<Buffer>>;
  /** POST /images/prune. */
  pruneImages(query: ImagePruneQuery): Promise<ImagePruneResponse>;
  /** POST /images/create?fromSrc=-: a root filesystem tar becomes a one-layer image. */
  importImage(rootfs: AsyncIterable<Buffer>, options: ImageImportOptions): Promise<IdResponse>;

  /** GET /volumes (filters: dangling, driver, label, name). */
  listVolumes(query: VolumeListQuery): Promise<VolumeListResponse>;
  /** POST /volumes/create (an existing name answers with that volume). */
  createVolume(body: VolumeCreateBody): Promise<VolumeInspect>;
  /** GET /volumes/{name}. */
  inspectVolume(name: string): Promise<VolumeInspect>;
  /** DELETE /volumes/{name} (CONFLICT while a container uses it, even with `force`). */
  removeVolume(name: string, query: VolumeRemoveQuery): Promise<void>;
  /** POST /volumes/prune. */
  pruneVolumes(query: VolumePruneQuery): Promise<VolumePruneResponse>;

  /** GET /networks (filters: dangling, driver, id, label, name, scope, type). */
  listNetworks(query: NetworkListQuery): Promise<NetworkInspect[]>;
  /** GET /networks/{id}. */
  inspectNetwork(id: string): Promise<NetworkInspect>;
  /** POST /networks/create (CONFLICT for a taken name). */
  createNetwork(body: NetworkCreateBody): Promise<NetworkCreateResponse>;
  /** DELETE /networks/{id} (CONFLICT while containers are on it; details.status 403 for predefined ones). */
  removeNetwork(id: string): Promise<void>;
  /** POST /networks/{id}/connect. */
  connectNetwork(id: string, body: NetworkConnectBody): Promise<void>;
  /** POST /networks/{id}/disconnect. */
  disconnectNetwork(id: string, body: NetworkDisconnectBody): Promise<void>;
  /** POST /networks/prune. */
  pruneNetworks(query: NetworkPruneQuery): Promise<NetworkPruneResponse>;
}
