import { BerthError, errorMessage } from "../../shared/errors.js";
import { startingHealth } from "../health/health-state.js";
import { setUpNetworking, tearDownNetworking } from "../networks/container-networking.js";
import { decideRestart } from "../restart/restart-policy.js";
import type { ContainerRecord } from "../state/container-record.js";
import { parseIso } from "../util/time.js";
import { type EngineCore, emitContainer, nowIso, saveRecord } from "./engine-core.js";
import { removeRecord } from "./remove-container.js";

/** Docker's exit code for a process that could not be started: 127 not found, 126 not executable, else 128. */
export function startFailureCode(message: string): number {
  if (/executable file not found|no such file or directory/i.test(message)) return 127;
  if (/permission denied/i.test(message)) return 126;
  return 128;
}

/** Starts probing a running container's health (when it has a check). */
export function watchHealth(core: EngineCore, record: ContainerRecord): void {
  const spec = record.spec.health;
  if (!spec || record.state.status !== "running") return;
  core.health.start({
    id: record.id,
    spec,
    startedAtMs: parseIso(record.state.startedAt) ?? core.clock.now(),
    status: record.health?.Status ?? "starting",
  });
}

/** Stops watching a container's exit (a stop, kill or remove handles it itself). */
export function unwatchExit(core: EngineCore, id: string): void {
  core.watchers.get(id)?.abort();
  core.watchers.delete(id);
}

/** Waits for the running container's exit (conmon's exit file) and applies it under the container's lock. */
export function watchExit(core: EngineCore, id: string): void {
  unwatchExit(core, id);
  const controller = new AbortController();
  core.watchers.set(id, controller);
  core.runtime
    .waitExit(id, controller.signal)
    .then(
      (code) =>
        core.mutex.run(id, async () => {
          if (core.watchers.get(id) !== controller) return;
          core.watchers.delete(id);
          const record = core.records.get(id);
          if (!record || (record.state.status !== "running" && record.state.status !== "paused")) return;
          await applyExit(core, record, code, { byUser: false });
        }),
      (error: unknown) => {
        if (!controller.signal.aborted) throw error;
      },
    )
    .catch((error: unknown) => {
      if (!core.closed) core.log.error(`exit watcher of ${id}: ${errorMessage(error)}`);
    });
}

/** Options of `applyExit`. */
export interface ExitOptions {
  byUser: boolean;
  /** Events to send before `die` (e.g. `kill`). */
  stopEvent?: boolean;
}

/**
 * Records an exit (code, finished time, OOM), emits `die`, then lets the restart policy decide: a
 * restart goes through the back-off (`restarting`); otherwise AutoRemove containers are removed.
 */
export async function applyExit(
  core: EngineCore,
  record: ContainerRecord,
  code: number,
  options: ExitOptions,
): Promise<void> {
  core.health.stop(record.id);
  const oom =
    code === 137 && (await core.host.oomKilled(core.runtime.cgroupParent, record.id).catch(() => false));
  const startedMs = parseIso(record.state.startedAt) ?? core.clock.now();
  record.state = {
    ...record.state,
    status: "exited",
    pid: 0,
    exitCode: code,
    finishedAt: nowIso(core),
    oomKilled: oom,
  };
  if (core.networks) await tearDownNetworking(core, core.networks, record);
  core.exitCounts.set(record.id, (core.exitCounts.get(record.id) ?? 0) + 1);
  if (oom) emitContainer(core, record, "oom");
  emitContainer(core, record, "die", { exitCode: String(code) });
  if (options.stopEvent) emitContainer(core, record, "stop");
  const decision = decideRestart({
    policy: record.spec.restart,
    exitCode: code,
    restartCount: record.restartCount,
    stoppedByUser: record.stoppedByUser || options.byUser,
    ranMs: core.clock.now() - startedMs,
    previousDelayMs: core.restarts.lastDelay(record.id),
  });
  if (decision.restart) {
    record.state = { ...record.state, status: "restarting" };
    await saveRecord(core, record);
    core.log.info(`container ${record.name} exited with ${code}: restarting in ${decision.delayMs} ms`);
    core.restarts.schedule(record.id, decision.delayMs);
    return;
  }
  await saveRecord(core, record);
  if (record.body.HostConfig?.AutoRemove) {
    await removeRecord(core, record, { force: true, volumes: true });
  }
}

/** runtime create + start of a container that is not running; records, events, watchers. Caller holds the lock. */
export async function runContainer(core: EngineCore, record: ContainerRecord): Promise<void> {
  let pid: number;
  if (core.networks) await setUpNetworking(core, core.networks, record);
  try {
    pid = await core.runtime.create(record.id);
    await core.runtime.start(record.id);
  } catch (error: unknown) {
    const message = errorMessage(error);
    const code = startFailureCode(message);
    await core.runtime.stop(record.id, { graceMs: 0 }).catch(() => undefined);
    if (core.networks) await tearDownNetworking(core, core.networks, record);
    record.state = { ...record.state, exitCode: code, error: message, pid: 0 };
    if (record.state.status === "restarting") record.state.status = "exited";
    await saveRecord(core, record);
    throw new BerthError(
      code === 128 ? "RUNTIME_COMMAND" : "INVALID_ARGUMENT",
      `failed to start container ${record.name}: ${message}`,
      {
        cause: error,
      },
    );
  }
  record.state = {
    ...record.state,
    status: "running",
    pid,
    exitCode: 0,
    error: "",
    oomKilled: false,
    startedAt: nowIso(core),
  };
  record.hasRun = true;
  if (record.spec.health) record.health = { ...startingHealth(), Log: record.health?.Log ?? [] };
  emitContainer(core, record, "start");
  await saveRecord(core, record);
  watchExit(core, record.id);
  watchHealth(core, record);
}

/** The restart manager's callback: starts a `restarting` container again unless a user stopped it meanwhile. */
export async function restartAfterBackoff(core: EngineCore, id: string): Promise<void> {
  await core.mutex.run(id, async () => {
    const record = core.records.get(id);
    if (record?.state.status !== "restarting" || record.stoppedByUser) return;
    record.restartCount += 1;
    try {
      await runContainer(core, record);
    } catch (error: unknown) {
      core.log.warn(`restart of ${record.name} failed: ${errorMessage(error)}`);
      await applyExit(core, record, record.state.exitCode, { byUser: false });
    }
  });
}
