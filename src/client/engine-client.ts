import {
  type ContainerCreateBody,
  ContainerCreateResponse,
  ContainerInspect,
  type ContainerLogsQuery,
  ContainerSummary,
  ContainerTopResponse,
  ContainerWaitResponse,
  EventMessage,
  type ExecCreateBody,
  ExecInspect,
  type Filters,
  IdResponse,
  ImageDeleteItem,
  ImageInspect,
  ImagePruneResponse,
  ImageSummary,
  type NetworkConnectBody,
  type NetworkCreateBody,
  NetworkCreateResponse,
  type NetworkDisconnectBody,
  NetworkInspect,
  NetworkPruneResponse,
  type OutputChunk,
  type ProgressMessage,
  type StateChange,
  SystemInfo,
  SystemVersion,
  type VolumeCreateBody,
  VolumeInspect,
  VolumeListResponse,
  VolumePruneResponse,
} from "../api/index.js";
import { BerthError } from "../shared/errors.js";
import { demultiplex, hijack, jsonLines, progress, pumpStdin } from "./streams.js";
import { call, callJson, callOk } from "./transport.js";

const enc = encodeURIComponent;
/** Image names keep their slashes in the path, as Docker's client sends them. */
const imagePath = (name: string) => name.split("/").map(enc).join("/");

/** Options of a logs call (times in Unix seconds; `tail` undefined = all). */
export type LogsOptions = Partial<ContainerLogsQuery>;

/** Typed client of berth's engine API over its unix socket: one method per route. */
export class EngineClient {
  constructor(readonly socketPath: string) {}

  private json(options: Parameters<typeof callJson>[1]): Promise<unknown> {
    return callJson(this.socketPath, options);
  }

  /** HEAD /_ping: true when the engine answers, false when nothing listens. */
  async ping(): Promise<boolean> {
    try {
      const res = await call(this.socketPath, { method: "HEAD", path: "/_ping" });
      res.resume();
      return res.statusCode === 200;
    } catch (error) {
      if (error instanceof BerthError && error.code === "ENGINE_UNAVAILABLE") return false;
      throw error;
    }
  }

  /** GET /version. */
  async version(): Promise<SystemVersion> {
    return SystemVersion.parse(await this.json({ method: "GET", path: "/version" }));
  }

  /** GET /info. */
  async info(): Promise<SystemInfo> {
    return SystemInfo.parse(await this.json({ method: "GET", path: "/info" }));
  }

  /** GET /events as an async iterable (ends at `until`, or when `signal` aborts). */
  async *events(
    options: { since?: number; until?: number; filters?: Filters } = {},
    signal?: AbortSignal,
  ): AsyncGenerator<EventMessage> {
    const res = await callOk(this.socketPath, { method: "GET", path: "/events", query: options, signal });
    try {
      for await (const line of jsonLines(res)) yield EventMessage.parse(line);
    } catch (error) {
      if (!signal?.aborted) throw error;
    }
  }

  /** POST /containers/create. */
  async createContainer(body: ContainerCreateBody, name?: string): Promise<ContainerCreateResponse> {
    const answer = await this.json({
      method: "POST",
      path: "/containers/create",
      query: { name },
      json: body,
    });
    return ContainerCreateResponse.parse(answer);
  }

  private async change(path: string, query: Record<string, string | number | undefined> = {}) {
    const res = await callOk(this.socketPath, { method: "POST", path, query });
    res.resume();
    return res.statusCode === 304 ? "unchanged" : "changed";
  }

  /** POST /containers/{id}/start ("unchanged" when it already ran). */
  startContainer(id: string): Promise<StateChange> {
    return this.change(`/containers/${enc(id)}/start`);
  }

  /** POST /containers/{id}/stop ("unchanged" when it was not running). */
  stopContainer(id: string, options: { t?: number; signal?: string } = {}): Promise<StateChange> {
    return this.change(`/containers/${enc(id)}/stop`, options);
  }

  /** POST /containers/{id}/restart. */
  async restartContainer(id: string, options: { t?: number; signal?: string } = {}): Promise<void> {
    await this.change(`/containers/${enc(id)}/restart`, options);
  }

  /** POST /containers/{id}/kill. */
  async killContainer(id: string, options: { signal?: string } = {}): Promise<void> {
    await this.change(`/containers/${enc(id)}/kill`, options);
  }

  /** POST /containers/{id}/pause. */
  async pauseContainer(id: string): Promise<void> {
    await this.change(`/containers/${enc(id)}/pause`);
  }

  /** POST /containers/{id}/unpause. */
  async unpauseContainer(id: string): Promise<void> {
    await this.change(`/containers/${enc(id)}/unpause`);
  }

  /** POST /containers/{id}/wait. */
  async waitContainer(
    id: string,
    options: { condition?: "not-running" | "next-exit" | "removed" } = {},
    signal?: AbortSignal,
  ): Promise<ContainerWaitResponse> {
    const path = `/containers/${enc(id)}/wait`;
    return ContainerWaitResponse.parse(await this.json({ method: "POST", path, query: options, signal }));
  }

  /** DELETE /containers/{id}. */
  async removeContainer(id: string, options: { force?: boolean; v?: boolean } = {}): Promise<void> {
    (
      await callOk(this.socketPath, { method: "DELETE", path: `/containers/${enc(id)}`, query: options })
    ).resume();
  }

  /** GET /containers/{id}/json. */
  async inspectContainer(id: string): Promise<ContainerInspect> {
    return ContainerInspect.parse(await this.json({ method: "GET", path: `/containers/${enc(id)}/json` }));
  }

  /** GET /containers/json. */
  async listContainers(
    options: { all?: boolean; limit?: number; filters?: Filters } = {},
  ): Promise<ContainerSummary[]> {
    const answer = await this.json({ method: "GET", path: "/containers/json", query: options });
    return ContainerSummary.array().parse(answer);
  }

  /** GET /containers/{id}/top. */
  async topContainer(id: string, options: { ps_args?: string } = {}): Promise<ContainerTopResponse> {
    const answer = await this.json({ method: "GET", path: `/containers/${enc(id)}/top`, query: options });
    return ContainerTopResponse.parse(answer);
  }

  /** GET /containers/{id}/logs, demultiplexed (stdout and stderr default to on). */
  async *containerLogs(
    id: string,
    options: LogsOptions = {},
    signal?: AbortSignal,
  ): AsyncGenerator<OutputChunk> {
    const query = { stdout: true, stderr: true, ...options };
    const res = await callOk(this.socketPath, {
      method: "GET",
      path: `/containers/${enc(id)}/logs`,
      query,
      signal,
    });
    yield* demultiplex(res, res.headers["content-type"]);
  }

  /**
   * POST /containers/{id}/attach over a hijacked connection (stdout and stderr, demultiplexed).
   * Resolves once attached, so a start after it loses nothing; the output ends at the container's next
   * exit. `logs` adds what it wrote before; `signal` closes the connection (also before any read).
   */
  async attachContainer(
    id: string,
    options: { logs?: boolean; signal?: AbortSignal } = {},
  ): Promise<AsyncIterable<OutputChunk>> {
    const logs = options.logs ? "&logs=1" : "";
    const { socket, head, contentType } = await hijack(this.socketPath, {
      path: `/containers/${enc(id)}/attach?stream=1&stdout=1&stderr=1${logs}`,
      json: {},
      signal: options.signal,
    });
    options.signal?.addEventListener("abort", () => socket.destroy(), { once: true });
    async function* incoming(): AsyncGenerator<Buffer> {
      if (head.length > 0) yield head;
      for await (const chunk of socket) yield chunk as Buffer;
    }
    return (async function* () {
      try {
        yield* demultiplex(incoming(), contentType);
      } finally {
        socket.destroy();
      }
    })();
  }

  /** POST /containers/{id}/exec. */
  async createExec(containerId: string, body: ExecCreateBody): Promise<IdResponse> {
    const path = `/containers/${enc(containerId)}/exec`;
    return IdResponse.parse(await this.json({ method: "POST", path, json: body }));
  }

  /** POST /exec/{id}/start over a hijacked connection: stdin goes in, demultiplexed output comes out. */
  async *startExec(
    id: string,
    options: { tty?: boolean; stdin?: AsyncIterable<Uint8Array>; signal?: AbortSignal } = {},
  ): AsyncGenerator<OutputChunk> {
    const { socket, head, contentType } = await hijack(this.socketPath, {
      path: `/exec/${enc(id)}/start`,
      json: { Detach: false, Tty: options.tty ?? false },
      signal: options.signal,
    });
    void pumpStdin(socket, options.stdin);
    async function* incoming(): AsyncGenerator<Buffer> {
      if (head.length > 0) yield head;
      for await (const chunk of socket) yield chunk as Buffer;
    }
    try {
      yield* demultiplex(incoming(), contentType);
    } finally {
      socket.destroy();
    }
  }

  /** POST /exec/{id}/start with Detach: the command runs on; the call returns at once. */
  async startExecDetached(id: string): Promise<void> {
    const path = `/exec/${enc(id)}/start`;
    (await callOk(this.socketPath, { method: "POST", path, json: { Detach: true } })).resume();
  }

  /** GET /exec/{id}/json. */
  async inspectExec(id: string): Promise<ExecInspect> {
    return ExecInspect.parse(await this.json({ method: "GET", path: `/exec/${enc(id)}/json` }));
  }

  /** GET /images/json. */
  async listImages(options: { all?: boolean; filters?: Filters } = {}): Promise<ImageSummary[]> {
    return ImageSummary.array().parse(
      await this.json({ method: "GET", path: "/images/json", query: options }),
    );
  }

  /** GET /images/{name}/json. */
  async inspectImage(name: string): Promise<ImageInspect> {
    return ImageInspect.parse(await this.json({ method: "GET", path: `/images/${imagePath(name)}/json` }));
  }

  /** POST /images/{name}/tag. */
  async tagImage(name: string, target: { repo: string; tag?: string }): Promise<void> {
    const path = `/images/${imagePath(name)}/tag`;
    (await callOk(this.socketPath, { method: "POST", path, query: target })).resume();
  }

  /** DELETE /images/{name}. */
  async removeImage(
    name: string,
    options: { force?: boolean; noprune?: boolean } = {},
  ): Promise<ImageDeleteItem[]> {
    const answer = await this.json({ method: "DELETE", path: `/images/${imagePath(name)}`, query: options });
    return ImageDeleteItem.array().parse(answer);
  }

  /** POST /images/prune. */
  async pruneImages(options: { filters?: Filters } = {}): Promise<ImagePruneResponse> {
    return ImagePruneResponse.parse(
      await this.json({ method: "POST", path: "/images/prune", query: options }),
    );
  }

  /** POST /images/load: sends an archive and returns the progress messages ("Loaded image: …"). */
  async loadImages(
    archive: AsyncIterable<Uint8Array>,
    options: { quiet?: boolean } = {},
  ): Promise<ProgressMessage[]> {
    const res = await callOk(this.socketPath, {
      method: "POST",
      path: "/images/load",
      query: options,
      stream: archive,
    });
    return progress(res);
  }

  /** GET /images/get: a `docker save` tar of the named images. */
  async *saveImages(names: string[], signal?: AbortSignal): AsyncGenerator<Buffer> {
    const query = new URLSearchParams(names.map((name): [string, string] => ["names", name]));
    const res = await callOk(this.socketPath, { method: "GET", path: `/images/get?${query}`, signal });
    for await (const chunk of res) yield chunk as Buffer;
  }

  /**
   * POST /images/create?fromSrc=-: imports a rootfs tar; returns the new image id. `changes` are
   * Dockerfile instructions (`CMD ["echo","hi"]`, `ENV A=b`, …) sent as repeated `changes` parameters.
   */
  async importImage(
    rootfs: AsyncIterable<Uint8Array>,
    options: { repo?: string; tag?: string; message?: string; changes?: readonly string[] } = {},
  ): Promise<string> {
    const query = { fromSrc: "-", ...options };
    const res = await callOk(this.socketPath, {
      method: "POST",
      path: "/images/create",
      query,
      stream: rootfs,
    });
    const messages = await progress(res);
    const id = messages.map((m) => m.status).find((status) => status?.startsWith("sha256:"));
    if (id === undefined) throw new BerthError("INTERNAL", "import answered without an image id");
    return id;
  }

  /** GET /networks. */
  async listNetworks(options: { filters?: Filters } = {}): Promise<NetworkInspect[]> {
    return NetworkInspect.array().parse(
      await this.json({ method: "GET", path: "/networks", query: options }),
    );
  }

  /** GET /networks/{id}. */
  async inspectNetwork(id: string, options: { verbose?: boolean } = {}): Promise<NetworkInspect> {
    const path = `/networks/${enc(id)}`;
    return NetworkInspect.parse(await this.json({ method: "GET", path, query: options }));
  }

  /** POST /networks/create. */
  async createNetwork(body: NetworkCreateBody): Promise<NetworkCreateResponse> {
    const answer = await this.json({ method: "POST", path: "/networks/create", json: body });
    return NetworkCreateResponse.parse(answer);
  }

  /** DELETE /networks/{id}. */
  async removeNetwork(id: string): Promise<void> {
    (await callOk(this.socketPath, { method: "DELETE", path: `/networks/${enc(id)}` })).resume();
  }

  /** POST /networks/{id}/connect. */
  async connectNetwork(id: string, body: NetworkConnectBody): Promise<void> {
    const path = `/networks/${enc(id)}/connect`;
    (await callOk(this.socketPath, { method: "POST", path, json: body })).resume();
  }

  /** POST /networks/{id}/disconnect. */
  async disconnectNetwork(id: string, body: NetworkDisconnectBody): Promise<void> {
    const path = `/networks/${enc(id)}/disconnect`;
    (await callOk(this.socketPath, { method: "POST", path, json: body })).resume();
  }

  /** POST /networks/prune. */
  async pruneNetworks(options: { filters?: Filters } = {}): Promise<NetworkPruneResponse> {
    const answer = await this.json({ method: "POST", path: "/networks/prune", query: options });
    return NetworkPruneResponse.parse(answer);
  }

  /** GET /volumes (filters: dangling, driver, label, name). */
  async listVolumes(options: { filters?: Filters } = {}): Promise<VolumeListResponse> {
    return VolumeListResponse.parse(await this.json({ method: "GET", path: "/volumes", query: options }));
  }

  /** POST /volumes/create (an existing name answers with that volume). */
  async createVolume(body: VolumeCreateBody): Promise<VolumeInspect> {
    return VolumeInspect.parse(await this.json({ method: "POST", path: "/volumes/create", json: body }));
  }

  /** GET /volumes/{name}. */
  async inspectVolume(name: string): Promise<VolumeInspect> {
    return VolumeInspect.parse(await this.json({ method: "GET", path: `/volumes/${enc(name)}` }));
  }

  /** DELETE /volumes/{name} (409 while a container uses it, even with `force`). */
  async removeVolume(name: string, options: { force?: boolean } = {}): Promise<void> {
    const path = `/volumes/${enc(name)}`;
    (await callOk(this.socketPath, { method: "DELETE", path, query: options })).resume();
  }

  /** POST /volumes/prune (anonymous unused volumes, or every unused one with filter `all=true`). */
  async pruneVolumes(options: { filters?: Filters } = {}): Promise<VolumePruneResponse> {
    const answer = await this.json({ method: "POST", path: "/volumes/prune", query: options });
    return VolumePruneResponse.parse(answer);
  }
}
