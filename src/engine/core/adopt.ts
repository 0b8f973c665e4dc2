import { errorMessage } from "../../shared/errors.js";
import { startsWithEngine } from "../restart/restart-policy.js";
import type { ContainerRecord } from "../state/container-record.js";
import { type EngineCore, nowIso, saveRecord } from "./engine-core.js";
import { applyExit, runContainer, watchExit, watchHealth } from "./run-container.js";

/** What adoption did, for the engine log and tests. */
export interface AdoptReport {
  running: string[];
  exited: string[];
  vanished: string[];
  removed: string[];
  started: string[];
}

/**
 * On engine start: loads the records, lets the runtime clean half-made bundles, and reconciles. Running
 * containers get their exit watchers and health checks back; ones that exited meanwhile get their exit
 * (and their restart policy); records whose runtime container vanished become dead with an error;
 * half-made creates and orphan bundles are removed. Then `always` (and `unless-stopped`, unless stopped
 * by the user) containers that are not running are started.
 */
export async function adoptContainers(core: EngineCore): Promise<AdoptReport> {
  const report: AdoptReport = { running: [], exited: [], vanished: [], removed: [], started: [] };
  const loaded = await core.store.load();
  for (const id of loaded.broken) {
    await core.runtime.delete(id, { force: true }).catch(() => undefined);
    await core.store.remove(id);
    report.removed.push(id);
  }
  const adopted = await core.runtime.adopt();
  report.removed.push(...adopted.removed);
  const runtimeStates = new Map(adopted.containers.map((c) => [c.id, c]));
  const known = new Set<string>();
  for (const record of loaded.records) {
    known.add(record.id);
    if (record.creating) {
      await core.runtime.delete(record.id, { force: true }).catch(() => undefined);
      await core.store.remove(record.id);
      report.removed.push(record.id);
      continue;
    }
    core.records.set(record.id, record);
    const found = runtimeStates.get(record.id);
    const wasUp = ["running", "paused", "restarting"].includes(record.state.status);
    if (!found) {
      record.state = {
        ...record.state,
        status: "dead",
        pid: 0,
        ...(wasUp ? { exitCode: 255, finishedAt: nowIso(core) } : {}),
        error: "the container's runtime state vanished while the engine was down",
      };
      await saveRecord(core, record);
      report.vanished.push(record.id);
      continue;
    }
    if (found.status === "running" || found.status === "paused") {
      record.state = { ...record.state, status: found.status, pid: found.pid ?? record.state.pid };
      await saveRecord(core, record);
      watchExit(core, record.id);
      watchHealth(core, record);
      report.running.push(record.id);
      continue;
    }
    if (found.status === "created" && record.state.status !== "exited") {
      // Either only prepared (runc does not know it: the kill fails) or created by runc but never
      // started because the engine died in between: then it cannot start from there, so end it.
      const killed = await core.runtime.kill(record.id, "SIGKILL").then(
        () => true,
        () => false,
      );
      if (killed) await core.runtime.waitExit(record.id, AbortSignal.timeout(10_000)).catch(() => undefined);
    }
    if (wasUp) {
      const code = found.exitCode ?? (await core.runtime.state(record.id).catch(() => found)).exitCode ?? 255;
      await applyExit(core, record, code, { byUser: false });
      report.exited.push(record.id);
    }
  }
  for (const container of adopted.containers) {
    if (known.has(container.id)) continue;
    await core.runtime.delete(container.id, { force: true }).catch(() => undefined);
    report.removed.push(container.id);
  }
  for (const record of [...core.records.values()]) {
    const down = record.state.status === "exited" || record.state.status === "created";
    if (!down || !record.hasRun || !startsWithEngine(record.spec.restart, record.stoppedByUser)) continue;
    await core.mutex.run(record.id, async () => {
      try {
        record.stoppedByUser = false;
        await runContainer(core, record);
        report.started.push(record.id);
      } catch (error: unknown) {
        core.log.warn(`could not start ${record.name} with the engine: ${errorMessage(error)}`);
      }
    });
  }
  return report;
}

/** Stops watching everything (engine shutdown); containers keep running under conmon. */
export function detachAll(core: EngineCore, records: Iterable<ContainerRecord>): void {
  core.health.stopAll();
  core.restarts.stopAll();
  for (const record of records) {
    core.watchers.get(record.id)?.abort();
  }
  core.watchers.clear();
}
