import type { ContainerKillQuery, ContainerStopQuery, StateChange } from "../../api/index.js";
import { BerthError } from "../../shared/errors.js";
import type { ContainerRecord } from "../state/container-record.js";
import { type EngineCore, emitContainer, findRecord, saveRecord } from "./engine-core.js";
import { applyExit, runContainer, unwatchExit, watchHealth } from "./run-container.js";

/** A grace period long enough to mean "wait for ever" (`t=-1`). */
const FOREVER_MS = 24 * 3600 * 1000;

function notRunning(record: ContainerRecord): BerthError {
  return new BerthError("STATE_TRANSITION", `Container ${record.id} is not running`, {
    details: { container: record.id, status: record.state.status },
  });
}

/** Stops a running container as the user asked (stop signal → grace → KILL); caller holds the lock. */
export async function stopRecord(
  core: EngineCore,
  record: ContainerRecord,
  query: ContainerStopQuery,
): Promise<StateChange> {
  const wasRestarting = core.restarts.cancel(record.id) || record.state.status === "restarting";
  if (wasRestarting) {
    record.stoppedByUser = true;
    record.state = { ...record.state, status: "exited" };
    await saveRecord(core, record);
    emitContainer(core, record, "stop");
    return "changed";
  }
  if (record.state.status !== "running" && record.state.status !== "paused") return "unchanged";
  record.stoppedByUser = true;
  await saveRecord(core, record);
  unwatchExit(core, record.id);
  core.health.stop(record.id);
  const signal = query.signal ?? record.spec.stopSignal ?? record.spec.image.stopSignal ?? "SIGTERM";
  const graceMs =
    query.t === undefined
      ? (record.spec.stopGracePeriodMs ?? 10_000)
      : query.t < 0
        ? FOREVER_MS
        : query.t * 1000;
  emitContainer(core, record, "kill", { signal: signalNumberText(signal) });
  const code = await core.runtime.stop(record.id, { signal, graceMs });
  await applyExit(core, record, code, { byUser: true, stopEvent: true });
  return "changed";
}

/** Docker reports a signal in events as its number. */
function signalNumberText(signal: string): string {
  const numbers: Record<string, number> = {
    HUP: 1,
    INT: 2,
    QUIT: 3,
    KILL: 9,
    USR1: 10,
    USR2: 12,
    TERM: 15,
    STOP: 19,
    CONT: 18,
    WINCH: 28,
  };
  if (/^\d+$/.test(signal)) return signal;
  const name = signal.toUpperCase().replace(/^SIG/, "");
  return String(numbers[name] ?? signal);
}

/** POST /containers/{id}/stop. */
export async function stopContainer(
  core: EngineCore,
  id: string,
  query: ContainerStopQuery,
): Promise<StateChange> {
  const record = findRecord(core, id);
  return core.mutex.run(record.id, () => stopRecord(core, record, query));
}

/** POST /containers/{id}/start. */
export async function startContainer(core: EngineCore, id: string): Promise<StateChange> {
  const record = findRecord(core, id);
  return core.mutex.run(record.id, async () => {
    const status = record.state.status;
    if (status === "running") return "unchanged";
    if (status === "paused") {
      throw new BerthError("CONFLICT", "cannot start a paused container, try unpause instead");
    }
    if (status === "dead" || status === "removing") {
      throw new BerthError(
        "STATE_TRANSITION",
        `container ${record.name} is ${status}: it can only be removed`,
      );
    }
    core.restarts.cancel(record.id);
    record.stoppedByUser = false;
    await runContainer(core, record);
    return "changed";
  });
}

/** POST /containers/{id}/restart: a user stop (if running) then a start; emits `restart`. */
export async function restartContainer(
  core: EngineCore,
  id: string,
  query: ContainerStopQuery,
): Promise<void> {
  const record = findRecord(core, id);
  await core.mutex.run(record.id, async () => {
    if (record.state.status === "dead") throw notRunning(record);
    await stopRecord(core, record, query);
    if (!core.records.has(record.id)) return; // AutoRemove took it
    record.stoppedByUser = false;
    await runContainer(core, record);
    emitContainer(core, record, "restart");
  });
}

/** POST /containers/{id}/kill: signals the container's init; the exit (if any) is then never undone by a policy. */
export async function killContainer(core: EngineCore, id: string, query: ContainerKillQuery): Promise<void> {
  const record = findRecord(core, id);
  const signal = query.signal ?? "SIGKILL";
  if (record.state.status === "restarting" && core.restarts.cancel(record.id)) {
    await core.mutex.run(record.id, async () => {
      record.stoppedByUser = true;
      record.state = { ...record.state, status: "exited" };
      await saveRecord(core, record);
    });
    return;
  }
  if (record.state.status !== "running" && record.state.status !== "paused") throw notRunning(record);
  record.stoppedByUser = true;
  await saveRecord(core, record);
  emitContainer(core, record, "kill", { signal: signalNumberText(signal) });
  await core.runtime.kill(record.id, signal);
}

/** POST /containers/{id}/pause. */
export async function pauseContainer(core: EngineCore, id: string): Promise<void> {
  const record = findRecord(core, id);
  await core.mutex.run(record.id, async () => {
    if (record.state.status === "paused") {
      throw new BerthError("CONFLICT", `Container ${record.id} is already paused`);
    }
    if (record.state.status !== "running") throw notRunning(record);
    core.health.stop(record.id);
    await core.runtime.pause(record.id);
    record.state = { ...record.state, status: "paused" };
    await saveRecord(core, record);
    emitContainer(core, record, "pause");
  });
}

/** POST /containers/{id}/unpause. */
export async function unpauseContainer(core: EngineCore, id: string): Promise<void> {
  const record = findRecord(core, id);
  await core.mutex.run(record.id, async () => {
    if (record.state.status !== "paused") {
      throw new BerthError("CONFLICT", `Container ${record.id} is not paused`);
    }
    await core.runtime.resume(record.id);
    record.state = { ...record.state, status: "running" };
    await saveRecord(core, record);
    emitContainer(core, record, "unpause");
    watchHealth(core, record);
  });
}
