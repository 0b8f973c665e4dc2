import type { ContainerRemoveQuery } from "../../api/index.js";
import { BerthError, errorMessage } from "../../shared/errors.js";
import { tearDownNetworking } from "../networks/container-networking.js";
import type { ContainerRecord } from "../state/container-record.js";
import { removeAnonymousVolumes } from "../volumes/container-volumes.js";
import { type EngineCore, emitContainer, findRecord, notifyChanged, saveRecord } from "./engine-core.js";
import { unwatchExit } from "./run-container.js";

/** Removes a container (killing it first when `force`); caller holds the lock. */
export async function removeRecord(
  core: EngineCore,
  record: ContainerRecord,
  options: { force: boolean; volumes: boolean },
): Promise<void> {
  const status = record.state.status;
  const up = status === "running" || status === "paused" || status === "restarting";
  if (up && !options.force) {
    throw new BerthError(
      "CONFLICT",
      `You cannot remove a ${status} container ${record.id}. Stop the container before attempting removal or force remove`,
    );
  }
  core.restarts.forget(record.id);
  core.health.stop(record.id);
  unwatchExit(core, record.id);
  if (status === "running" || status === "paused") {
    record.stoppedByUser = true;
    emitContainer(core, record, "kill", { signal: "9" });
  }
  try {
    await core.runtime.delete(record.id, { force: true });
  } catch (error: unknown) {
    record.state = { ...record.state, status: "dead", pid: 0, error: errorMessage(error) };
    await saveRecord(core, record);
    throw new BerthError("INTERNAL", `could not remove container ${record.name}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  if (status === "running" || status === "paused") emitContainer(core, record, "die", { exitCode: "137" });
  if (core.networks) await tearDownNetworking(core, core.networks, record);
  core.records.delete(record.id);
  await core.store.remove(record.id);
  if (options.volumes) await removeAnonymousVolumes(core, record);
  emitContainer(core, record, "destroy");
  notifyChanged(core, record.id);
}

/** DELETE /containers/{id}. */
export async function removeContainer(
  core: EngineCore,
  id: string,
  query: ContainerRemoveQuery,
): Promise<void> {
  const record = findRecord(core, id);
  await core.mutex.run(record.id, async () => {
    if (core.records.get(record.id) !== record) return;
    await removeRecord(core, record, { force: query.force, volumes: query.v });
  });
}
