import { createHash } from "node:crypto";
import type {
  ContainerCreateBody,
  ContainerInspect,
  ContainerStatus,
  ContainerSummary,
  EventMessage,
  ExecCreateBody,
  ExecInspect,
  ImageInspect,
  LogChunk,
  OutputChunk,
} from "../../src/api/index.js";
import { containerMatchesFilters, eventMatchesFilters, execInspectView } from "../../src/api/index.js";
import type { EngineBackend, ExecStream, LogStream } from "../../src/engine/backend.js";
import { BerthError, NotFoundError } from "../../src/shared/errors.js";
import { type FakeImage, fakeImageMethods } from "./fake-backend-images.js";
import { type FakeNetwork, fakeNetworkMethods, predefinedNetworks } from "./fake-backend-networks.js";
import { AsyncQueue } from "./fake-backend-queue.js";
import { inspectOf, summaryOf } from "./fake-backend-views.js";
import { type FakeVolume, fakeVolumeMethods } from "./fake-backend-volumes.js";

/** A container held by the fake. */
export interface FakeContainer {
  id: string;
  name: string;
  body: ContainerCreateBody;
  image: FakeImage;
  created: string;
  status: ContainerStatus;
  exitCode: number;
  startedAt: string;
  finishedAt: string;
  restartCount: number;
  logs: LogChunk[];
  execIds: string[];
  changed: AsyncQueue<void>[];
}

interface FakeExec {
  id: string;
  containerId: string;
  body: ExecCreateBody;
  running: boolean;
  exitCode: number | null;
}

const zeroTime = "0001-01-01T00:00:00Z";

/** Hex id of 64 chars derived from a seed (deterministic per fake). */
function hexId(seed: string): string {
  return createHash("sha256").update(seed).digest("hex");
}

/**
 * An in-memory engine that keeps state like the real one. Containers "run" a tiny language:
 * `echo WORDS` prints and exits 0, `fail N` prints to stderr and exits N, anything else runs until
 * stopped (stop → 143, kill → 137). Execs: `echo`, `cat` (stdin to stdout), `exit N`, else 127.
 */
export class FakeBackend implements EngineBackend {
  readonly containers = new Map<string, FakeContainer>();
  readonly execs = new Map<string, FakeExec>();
  readonly images = new Map<string, FakeImage>();
  readonly eventLog: EventMessage[] = [];
  private readonly listeners = new Set<AsyncQueue<EventMessage>>();
  private counter = 0;
  private readonly imageMethods = fakeImageMethods(this);
  /** Volumes by name (tests may set `size` to see it in prune's SpaceReclaimed). */
  readonly volumes = new Map<string, FakeVolume>();
  private readonly volumeMethods = fakeVolumeMethods({
    volumes: this.volumes,
    containers: this.containers,
    now: () => this.now(),
  });

  /** Networks by id (Docker's predefined bridge, host and none to begin with). */
  readonly networks = new Map<string, FakeNetwork>();
  private readonly networkMethods = fakeNetworkMethods({
    networks: this.networks,
    containerExists: (ref) => this.container(ref).id,
    emit: (type, action, id, attributes) => this.emit(type, action, id, attributes),
    iso: () => this.iso(),
  });

  constructor(private readonly now: () => number = () => Date.now()) {
    predefinedNetworks(this.networks);
  }

  /** Adds an image under a reference (`busybox:latest`) and returns it. */
  addImage(ref: string, config: ImageInspect["Config"] = {}): FakeImage {
    const id = `sha256:${hexId(`image:${ref}:${this.counter++}`)}`;
    const image: FakeImage = { id, tags: [ref], config, created: this.iso(), size: 1024 };
    this.images.set(id, image);
    return image;
  }

  /** Finds an image by id, id prefix, or reference (a missing tag means latest). */
  findImage(name: string): FakeImage {
    const ref = name.includes(":") || name.startsWith("sha256") ? name : `${name}:latest`;
    for (const image of this.images.values()) {
      if (image.id === name || image.id === `sha256:${name}` || image.tags.includes(ref)) return image;
      if (name.length >= 4 && image.id.slice(7).startsWith(name.replace(/^sha256:/, ""))) return image;
    }
    throw new NotFoundError(`No such image: ${name}`);
  }

  /** Records an event and hands it to live listeners. */
  emit(type: EventMessage["Type"], action: string, id: string, attributes: Record<string, string>): void {
    const ms = this.now();
    const event: EventMessage = {
      Type: type,
      Action: action,
      Actor: { ID: id, Attributes: attributes },
      scope: "local",
      time: Math.floor(ms / 1000),
      timeNano: ms * 1_000_000,
      ...(type === "container" ? { status: action, id, from: attributes.image ?? "" } : {}),
    };
    this.eventLog.push(event);
    for (const listener of this.listeners) listener.push(event);
  }

  /** Now as RFC 3339 text with nanoseconds. */
  iso(): string {
    return new Date(this.now()).toISOString().replace("Z", "000000Z");
  }

  /** Writes a line to a container's log as its process would. */
  writeLog(container: FakeContainer, stream: "stdout" | "stderr", text: string): void {
    container.logs.push({ stream, data: Buffer.from(text), time: this.iso() });
    this.notify(container);
  }

  /** Ends a container's process with an exit code. */
  exit(container: FakeContainer, code: number, action = "die"): void {
    container.status = "exited";
    container.exitCode = code;
    container.finishedAt = this.iso();
    this.emit("container", action, container.id, { ...this.attributes(container), exitCode: String(code) });
    this.notify(container);
    if (container.body.HostConfig?.AutoRemove) this.drop(container);
  }

  /** Finds a container by id, unique id prefix, or name. */
  container(ref: string): FakeContainer {
    const name = ref.replace(/^\//, "");
    const exact = this.containers.get(ref) ?? [...this.containers.values()].find((c) => c.name === name);
    if (exact) return exact;
    const byPrefix = [...this.containers.values()].filter((c) => c.id.startsWith(ref));
    if (byPrefix.length === 1 && byPrefix[0]) return byPrefix[0];
    throw new NotFoundError(`No such container: ${ref}`);
  }

  private attributes(container: FakeContainer): Record<string, string> {
    return { ...(container.body.Labels ?? {}), image: container.body.Image, name: container.name };
  }

  private notify(container: FakeContainer): void {
    for (const queue of container.changed) queue.push();
  }

  private drop(container: FakeContainer): void {
    this.containers.delete(container.id);
    this.emit("container", "destroy", container.id, this.attributes(container));
    this.notify(container);
  }

  private argv(container: FakeContainer): string[] {
    const entrypoint = container.body.Entrypoint ?? container.image.config.Entrypoint ?? [];
    const cmd = container.body.Cmd ?? (container.body.Entrypoint ? [] : (container.image.config.Cmd ?? []));
    return [...entrypoint, ...cmd];
  }

  private running(container: FakeContainer): void {
    if (container.status === "paused")
      throw new BerthError(
        "STATE_TRANSITION",
        `Container ${container.id} is paused, unpause the container before stopping or killing`,
      );
    if (container.status !== "running")
      throw new BerthError("STATE_TRANSITION", `Container ${container.id} is not running`);
  }

  async version() {
    return this.imageMethods.version();
  }

  async info() {
    return this.imageMethods.info();
  }

  async *events(
    query: Parameters<EngineBackend["events"]>[0],
    signal: AbortSignal,
  ): AsyncGenerator<EventMessage> {
    const inWindow = (e: EventMessage) =>
      (query.since === undefined || e.time >= query.since) &&
      (query.until === undefined || e.time <= query.until);
    const queue = new AsyncQueue<EventMessage>();
    if (query.until === undefined) this.listeners.add(queue);
    try {
      for (const event of [...this.eventLog])
        if (inWindow(event) && eventMatchesFilters(event, query.filters)) yield event;
      if (query.until !== undefined) return;
      for await (const event of queue.drain(signal))
        if (eventMatchesFilters(event, query.filters)) yield event;
    } finally {
      this.listeners.delete(queue);
    }
  }

  async createContainer(body: ContainerCreateBody, name: string | undefined) {
    const image = this.findImage(body.Image);
    const id = hexId(`container:${this.counter++}`);
    const finalName = name ?? `fake_${id.slice(0, 8)}`;
    if ([...this.containers.values()].some((c) => c.name === finalName)) {
      throw new BerthError("CONFLICT", `Conflict. The container name "/${finalName}" is already in use`);
    }
    const container: FakeContainer = {
      id,
      name: finalName,
      body,
      image,
      created: this.iso(),
      status: "created",
      exitCode: 0,
      startedAt: zeroTime,
      finishedAt: zeroTime,
      restartCount: 0,
      logs: [],
      execIds: [],
      changed: [],
    };
    this.containers.set(id, container);
    this.emit("container", "create", id, this.attributes(container));
    return { Id: id, Warnings: [] };
  }

  async startContainer(id: string) {
    const container = this.container(id);
    if (container.status === "running" || container.status === "paused") return "unchanged" as const;
    container.status = "running";
    container.startedAt = this.iso();
    this.emit("container", "start", container.id, this.attributes(container));
    const [program, ...args] = this.argv(container);
    if (program === "echo") {
      this.writeLog(container, "stdout", `${args.join(" ")}\n`);
      this.exit(container, 0);
    } else if (program === "fail") {
      this.writeLog(container, "stderr", "failing\n");
      this.exit(container, Number(args[0] ?? 1));
    }
    return "changed" as const;
  }

  async stopContainer(id: string) {
    const container = this.container(id);
    if (container.status !== "running" && container.status !== "paused") return "unchanged" as const;
    this.emit("container", "kill", container.id, { ...this.attributes(container), signal: "15" });
    this.exit(container, 143);
    this.emit("container", "stop", container.id, this.attributes(container));
    return "changed" as const;
  }

  async restartContainer(id: string) {
    await this.stopContainer(id);
    await this.startContainer(id);
  }

  async killContainer(id: string, query: { signal?: string | undefined }) {
    const container = this.container(id);
    this.running(container);
    this.emit("container", "kill", container.id, {
      ...this.attributes(container),
      signal: query.signal ?? "9",
    });
    this.exit(container, 137);
  }

  async waitContainer(id: string, query: { condition: string }, signal: AbortSignal) {
    const container = this.container(id);
    const queue = new AsyncQueue<void>();
    container.changed.push(queue);
    const done = () =>
      query.condition === "removed" ? !this.containers.has(container.id) : container.status === "exited";
    try {
      if (query.condition === "next-exit" && container.status !== "running") queue.push();
      if (!done() || query.condition === "next-exit") {
        for await (const _ of queue.drain(signal)) if (done() && container.status === "exited") break;
      }
    } finally {
      container.changed = container.changed.filter((q) => q !== queue);
    }
    return { StatusCode: container.exitCode, Error: null };
  }

  async removeContainer(id: string, query: { force: boolean }) {
    const container = this.container(id);
    if ((container.status === "running" || container.status === "paused") && !query.force) {
      throw new BerthError(
        "CONFLICT",
        `You cannot remove a running container ${container.id}. Stop the container before attempting removal or force remove`,
      );
    }
    if (container.status === "running" || container.status === "paused") this.exit(container, 137);
    if (this.containers.has(container.id)) this.drop(container);
  }

  async inspectContainer(id: string): Promise<ContainerInspect> {
    return inspectOf(this.container(id), this.argv(this.container(id)));
  }

  async listContainers(query: Parameters<EngineBackend["listContainers"]>[0]): Promise<ContainerSummary[]> {
    const all = [...this.containers.values()]
      .filter((c) => query.all || c.status === "running" || c.status === "paused")
      .filter((c) =>
        containerMatchesFilters(
          {
            id: c.id,
            name: c.name,
            labels: c.body.Labels ?? {},
            status: c.status,
            exitCode: c.exitCode,
            imageNames: [c.body.Image, ...c.image.tags, c.image.id],
          },
          query.filters,
        ),
      )
      .sort((a, b) => b.created.localeCompare(a.created) || b.id.localeCompare(a.id));
    return (query.limit && query.limit > 0 ? all.slice(0, query.limit) : all).map((c) =>
      summaryOf(c, this.argv(c)),
    );
  }

  async containerLogs(
    id: string,
    query: Parameters<EngineBackend["containerLogs"]>[1],
    signal: AbortSignal,
  ): Promise<LogStream> {
    const container = this.container(id);
    const queue = new AsyncQueue<void>();
    if (query.follow) container.changed.push(queue);
    const seconds = (chunk: LogChunk) => Date.parse(chunk.time) / 1000;
    const pick = (chunk: LogChunk) =>
      (query.since === undefined || seconds(chunk) >= query.since) &&
      (query.until === undefined || seconds(chunk) <= query.until);
    // The log as it is at the request: what came before is history, anything later is followed (also
    // lines written while the server is still sending the history).
    let shown = container.logs.filter(pick);
    if (query.tail !== undefined) shown = query.tail === 0 ? [] : shown.slice(-query.tail);
    const atRequest = container.logs.length;
    const chunks = async function* (this: FakeBackend): AsyncGenerator<LogChunk> {
      try {
        yield* shown;
        let seen = atRequest;
        if (!query.follow) return;
        for await (const _ of queue.drain(signal)) {
          yield* container.logs.slice(seen).filter(pick);
          seen = container.logs.length;
          if (container.status !== "running" && container.status !== "paused") return;
        }
      } finally {
        container.changed = container.changed.filter((q) => q !== queue);
      }
    }.call(this);
    if (query.follow && container.status !== "running") queue.push();
    return { tty: container.body.Tty === true, chunks };
  }

  /** Attach: the output so far with `logs`, then (with `stream`) what comes until the next exit. */
  async attachContainer(
    id: string,
    options: Parameters<EngineBackend["attachContainer"]>[1],
    signal: AbortSignal,
  ): Promise<LogStream> {
    const container = this.container(id);
    const queue = new AsyncQueue<void>();
    if (options.stream) container.changed.push(queue);
    const wanted = (chunk: LogChunk) => (chunk.stream === "stdout" ? options.stdout : options.stderr);
    const exitsBefore = container.finishedAt;
    // Output from the moment of attach: counted now, not when the server first reads the stream (after
    // it wrote its answer's head, by when a quick client may have made the container write).
    const attachedAt = options.logs ? 0 : container.logs.length;
    const containers = this.containers;
    const chunks = async function* (): AsyncGenerator<LogChunk> {
      try {
        let seen = attachedAt;
        if (options.stream) {
          for await (const _ of queue.drain(signal)) {
            yield* container.logs.slice(seen).filter(wanted);
            seen = container.logs.length;
            if (container.finishedAt !== exitsBefore || !containers.has(container.id)) return;
          }
        }
        yield* container.logs.slice(seen).filter(wanted);
      } finally {
        container.changed = container.changed.filter((q) => q !== queue);
      }
    };
    return { tty: container.body.Tty === true, chunks: chunks() };
  }

  async pauseContainer(id: string) {
    const container = this.container(id);
    this.running(container);
    container.status = "paused";
    this.emit("container", "pause", container.id, this.attributes(container));
  }

  async unpauseContainer(id: string) {
    const container = this.container(id);
    if (container.status !== "paused")
      throw new BerthError("STATE_TRANSITION", `Container ${container.id} is not paused`);
    container.status = "running";
    this.emit("container", "unpause", container.id, this.attributes(container));
  }

  async topContainer(id: string) {
    const container = this.container(id);
    this.running(container);
    return {
      Titles: ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"],
      Processes: [["root", "4242", "4200", "0", "00:00", "?", "00:00:00", this.argv(container).join(" ")]],
    };
  }

  async createExec(containerId: string, body: ExecCreateBody) {
    const container = this.container(containerId);
    this.running(container);
    const id = hexId(`exec:${this.counter++}`);
    this.execs.set(id, { id, containerId: container.id, body, running: false, exitCode: null });
    container.execIds.push(id);
    return { Id: id };
  }

  async startExec(id: string, request: Parameters<EngineBackend["startExec"]>[1]): Promise<ExecStream> {
    const exec = this.execs.get(id);
    if (!exec) throw new NotFoundError(`No such exec instance: ${id}`);
    if (exec.running || exec.exitCode !== null)
      throw new BerthError("CONFLICT", `Exec ${id} has already started`);
    exec.running = true;
    const output = this.execOutput(exec, request.stdin);
    if (request.options.Detach) {
      for await (const _ of output);
      return { tty: false, output: (async function* () {})() };
    }
    return { tty: exec.body.Tty === true, output };
  }

  private async *execOutput(
    exec: FakeExec,
    stdin: AsyncIterable<Buffer> | undefined,
  ): AsyncGenerator<OutputChunk> {
    const [program, ...args] = exec.body.Cmd;
    let code = 0;
    try {
      if (program === "echo") {
        yield { stream: "stdout", data: Buffer.from(`${args.join(" ")}\n`) };
      } else if (program === "cat") {
        for await (const chunk of stdin ?? []) yield { stream: "stdout", data: chunk };
      } else if (program === "exit") {
        code = Number(args[0] ?? 0);
      } else {
        yield {
          stream: "stderr",
          data: Buffer.from(`exec: "${program}": executable file not found in $PATH\n`),
        };
        code = 127;
      }
    } finally {
      exec.running = false;
      exec.exitCode = code;
    }
  }

  async inspectExec(id: string): Promise<ExecInspect> {
    const exec = this.execs.get(id);
    if (!exec) throw new NotFoundError(`No such exec instance: ${id}`);
    return execInspectView({ ...exec, pid: 0 });
  }

  listImages: EngineBackend["listImages"] = (query) => this.imageMethods.listImages(query);
  inspectImage: EngineBackend["inspectImage"] = (name) => this.imageMethods.inspectImage(name);
  tagImage: EngineBackend["tagImage"] = (name, query) => this.imageMethods.tagImage(name, query);
  removeImage: EngineBackend["removeImage"] = (name, query) => this.imageMethods.removeImage(name, query);
  loadImages: EngineBackend["loadImages"] = (archive) => this.imageMethods.loadImages(archive);
  saveImages: EngineBackend["saveImages"] = (names) => this.imageMethods.saveImages(names);
  pruneImages: EngineBackend["pruneImages"] = () => this.imageMethods.pruneImages();
  importImage: EngineBackend["importImage"] = (rootfs, options) =>
    this.imageMethods.importImage(rootfs, options);
  listVolumes: EngineBackend["listVolumes"] = (query) => this.volumeMethods.listVolumes(query);
  createVolume: EngineBackend["createVolume"] = (body) => this.volumeMethods.createVolume(body);
  inspectVolume: EngineBackend["inspectVolume"] = (name) => this.volumeMethods.inspectVolume(name);
  removeVolume: EngineBackend["removeVolume"] = (name, query) => this.volumeMethods.removeVolume(name, query);
  pruneVolumes: EngineBackend["pruneVolumes"] = (query) => this.volumeMethods.pruneVolumes(query);
  listNetworks: EngineBackend["listNetworks"] = (query) => this.networkMethods.listNetworks(query);
  inspectNetwork: EngineBackend["inspectNetwork"] = (id) => this.networkMethods.inspectNetwork(id);
  createNetwork: EngineBackend["createNetwork"] = (body) => this.networkMethods.createNetwork(body);
  removeNetwork: EngineBackend["removeNetwork"] = (id) => this.networkMethods.removeNetwork(id);
  connectNetwork: EngineBackend["connectNetwork"] = (id, body) =>
    this.networkMethods.connectNetwork(id, body);
  disconnectNetwork: EngineBackend["disconnectNetwork"] = (id, body) =>
    this.networkMethods.disconnectNetwork(id, body);
  pruneNetworks: EngineBackend["pruneNetworks"] = (query) => this.networkMethods.pruneNetworks(query);
}
