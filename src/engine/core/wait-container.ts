import type { ContainerWaitQuery, ContainerWaitResponse } from "../../api/index.js";
import type { ContainerRecord } from "../state/container-record.js";
import { type EngineCore, findRecord, nextChange } from "./engine-core.js";

function isUp(record: ContainerRecord): boolean {
  const status = record.state.status;
  return status === "running" || status === "paused" || status === "restarting";
}

function answer(record: ContainerRecord): ContainerWaitResponse {
  return record.state.error === ""
    ? { StatusCode: record.state.exitCode }
    : { StatusCode: record.state.exitCode, Error: { Message: record.state.error } };
}

/**
 * POST /containers/{id}/wait: `not-running` answers at once for a container that is not up, else at its
 * exit; `next-exit` waits for the next exit; `removed` waits until it is gone.
 */
export async function waitContainer(
  core: EngineCore,
  id: string,
  query: ContainerWaitQuery,
  signal: AbortSignal,
): Promise<ContainerWaitResponse> {
  const record = findRecord(core, id);
  const condition = query.condition;
  const exits = core.exitCounts.get(record.id) ?? 0;
  // Every exit counts, also one a restart policy takes over (Docker wakes waiters then too).
  const exitedSince = () => (core.exitCounts.get(record.id) ?? 0) !== exits;
  if (condition === "not-running" && !isUp(record)) return answer(record);
  for (;;) {
    const gone = core.records.get(record.id) !== record;
    if (condition === "removed" && gone) return answer(record);
    if (condition !== "removed" && (exitedSince() || gone)) return answer(record);
    await nextChange(core, record.id, signal);
  }
}
