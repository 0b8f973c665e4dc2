import type { ImageStore } from "../../image/index.js";
import type { ContainerRuntime } from "../../runtime/index.js";
import { BerthError, NotFoundError } from "../../shared/errors.js";
import type { Clock } from "../../shared/ports.js";
import type { EventBus } from "../events/event-bus.js";
import type { HealthMonitor } from "../health/health-monitor.js";
import type { HostProbe } from "../host/host-probe.js";
import type { NetworkManager } from "../networks/network-manager.js";
import type { EnginePaths } from "../paths.js";
import type { RestartManager } from "../restart/restart-manager.js";
import type { ContainerRecord } from "../state/container-record.js";
import type { RandomBytes } from "../state/names.js";
import type { StateStore } from "../state/state-store.js";
import type { EngineLog } from "../util/engine-log.js";
import type { KeyedMutex } from "../util/keyed-mutex.js";
import { isoNano } from "../util/time.js";

/** Everything the container operations share: records, ports, the event bus, monitors and locks. */
export interface EngineCore {
  paths: EnginePaths;
  runtime: ContainerRuntime;
  images: ImageStore;
  clock: Clock;
  host: HostProbe;
  random: RandomBytes;
  log: EngineLog;
  /** Host path of the static init bound in for `Init: true`. */
  initPath: string;
  /** The host's resolv.conf text (copied into containers). */
  resolvConf: () => Promise<string>;
  store: StateStore;
  records: Map<string, ContainerRecord>;
  mutex: KeyedMutex;
  events: EventBus;
  health: HealthMonitor;
  restarts: RestartManager;
  /** Exit watchers of running containers (aborted when replaced or when the engine stops). */
  watchers: Map<string, AbortController>;
  /** Exits seen per container since the engine started (waits compare them). */
  exitCounts: Map<string, number>;
  /** Set when the engine stops: nothing is written any more (containers live on under conmon). */
  closed: boolean;
  /** Called on every state change of a container (waits re-check). */
  changed: Map<string, Set<() => void>>;
  /** Networks, DNS and published ports (absent: containers get a loopback interface only). */
  networks?: NetworkManager;
}

/** Finds a container by full id, name (with or without `/`) or unique id prefix; Docker's 404 otherwise. */
export function findRecord(core: EngineCore, text: string): ContainerRecord {
  const exact = core.records.get(text);
  if (exact) return exact;
  const name = text.replace(/^\//, "");
  for (const record of core.records.values()) if (record.name === name) return record;
  if (/^[0-9a-f]+$/.test(text)) {
    const hits = [...core.records.values()].filter((record) => record.id.startsWith(text));
    if (hits.length === 1 && hits[0]) return hits[0];
    if (hits.length > 1) {
      throw new BerthError("INVALID_ARGUMENT", `multiple IDs found with provided prefix: ${text}`);
    }
  }
  throw new NotFoundError(`No such container: ${text}`, { details: { container: text } });
}

/** Now as Docker's RFC 3339 text with nanoseconds. */
export function nowIso(core: EngineCore): string {
  return isoNano(core.clock.now());
}

/** Persists a record and wakes whoever waits on it. */
export async function saveRecord(core: EngineCore, record: ContainerRecord): Promise<void> {
  if (core.closed || core.records.get(record.id) !== record) return; // removed meanwhile: never write it back
  await core.store.save(record);
  notifyChanged(core, record.id);
}

/** Wakes waiters of `id` (state change or removal). */
export function notifyChanged(core: EngineCore, id: string): void {
  const waiters = core.changed.get(id);
  if (!waiters) return;
  core.changed.delete(id);
  for (const wake of waiters) wake();
}

/** Resolves at the next change of `id` (or when `signal` aborts). */
export function nextChange(core: EngineCore, id: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const set = core.changed.get(id) ?? new Set<() => void>();
    core.changed.set(id, set);
    const onAbort = () => {
      set.delete(wake);
      reject(signal.reason);
    };
    const wake = () => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    };
    set.add(wake);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Emits a container event with Docker's attributes (name, image, labels, plus `extra`). */
export function emitContainer(
  core: EngineCore,
  record: ContainerRecord,
  action: string,
  extra: Record<string, string> = {},
): void {
  core.events.emit({
    type: "container",
    action,
    id: record.id,
    attributes: { ...(record.spec.labels ?? {}), image: record.imageRef, name: record.name, ...extra },
  });
}
