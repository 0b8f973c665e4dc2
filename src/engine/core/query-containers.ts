import {
  type ContainerInspect,
  type ContainerListQuery,
  type ContainerLogsQuery,
  type ContainerSummary,
  type ContainerTopQuery,
  type ContainerTopResponse,
  containerMatchesFilters,
  type LogChunk,
} from "../../api/index.js";
import { type Digest, tryParseReference } from "../../image/index.js";
import { BerthError } from "../../shared/errors.js";
import type { LogStream } from "../backend.js";
import type { ProcessRow } from "../host/host-probe.js";
import type { ContainerRecord } from "../state/container-record.js";
import { inspectOf, labelsOf, summaryOf } from "./container-views.js";
import { type EngineCore, findRecord } from "./engine-core.js";

/** GET /containers/{id}/json. */
export function inspectContainer(core: EngineCore, id: string): ContainerInspect {
  const record = findRecord(core, id);
  const lowerDirs = record.layers.map((chainId) => core.images.layers.layerPath(chainId as Digest)).reverse();
  return inspectOf(
    record,
    { bundle: core.runtime.paths(record.id), lowerDirs },
    core.store.containerDir(record.id),
  );
}

function imageNames(record: ContainerRecord): string[] {
  const names = new Set([
    record.imageRef,
    record.imageId,
    record.imageId.slice(7),
    record.imageId.slice(7, 19),
  ]);
  const ref = tryParseReference(record.imageRef);
  if (ref) {
    names.add(ref.familiarName());
    names.add(ref.fullName());
    names.add(ref.familiarRepository());
  }
  return [...names];
}

/** GET /containers/json: newest first; without `all` only containers that are up (or a status/exited filter). */
export function listContainers(core: EngineCore, query: ContainerListQuery): ContainerSummary[] {
  const filters = query.filters;
  const all = query.all || "status" in filters || "exited" in filters || (query.limit ?? 0) > 0;
  // newest first: by creation time, then by creation order (the map keeps insertion order)
  const records = [...core.records.values()]
    .reverse()
    .filter((record) => !record.creating)
    .filter((record) => all || ["running", "paused", "restarting"].includes(record.state.status))
    .filter((record) =>
      containerMatchesFilters(
        {
          id: record.id,
          name: record.name,
          labels: labelsOf(record),
          status: record.state.status,
          exitCode: record.state.exitCode,
          imageNames: imageNames(record),
        },
        filters,
      ),
    )
    .sort((a, b) => (a.created === b.created ? 0 : a.created < b.created ? 1 : -1));
  const limited = query.limit !== undefined && query.limit > 0 ? records.slice(0, query.limit) : records;
  const now = core.clock.now();
  return limited.map((record) => summaryOf(record, now));
}

async function* chunks(
  core: EngineCore,
  id: string,
  query: ContainerLogsQuery,
  signal: AbortSignal,
): AsyncGenerator<LogChunk> {
  const entries = core.runtime.logs(id, {
    follow: query.follow,
    ...(query.tail === undefined ? {} : { tail: query.tail }),
    ...(query.since === undefined ? {} : { since: query.since * 1000 }),
    ...(query.until === undefined ? {} : { until: query.until * 1000 }),
    ...(query.stdout && !query.stderr ? { stdout: true } : {}),
    ...(query.stderr && !query.stdout ? { stderr: true } : {}),
    signal,
  });
  for await (const entry of entries) {
    yield {
      stream: entry.stream,
      time: entry.time,
      data: Buffer.from(entry.partial ? entry.line : `${entry.line}\n`),
    };
  }
}

/** GET /containers/{id}/logs: the container's output from conmon's log (follow ends at its exit). */
export function containerLogs(
  core: EngineCore,
  id: string,
  query: ContainerLogsQuery,
  signal: AbortSignal,
): LogStream {
  const record = findRecord(core, id);
  return { tty: record.body.Tty === true, chunks: chunks(core, record.id, query, signal) };
}

function clockText(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
}

function topRow(row: ProcessRow): string[] {
  const started = row.startedAtMs === undefined ? "?" : new Date(row.startedAtMs).toISOString().slice(11, 16);
  return [
    row.uid === 0 ? "root" : String(row.uid),
    String(row.pid),
    String(row.ppid),
    "0",
    started,
    row.tty,
    clockText(Math.floor(row.cpuTicks / 100)),
    row.cmd,
  ];
}

/** GET /containers/{id}/top: the processes in the container's cgroup, as `ps -ef` shows them. */
export async function topContainer(
  core: EngineCore,
  id: string,
  _query: ContainerTopQuery,
): Promise<ContainerTopResponse> {
  const record = findRecord(core, id);
  if (record.state.status !== "running" && record.state.status !== "paused") {
    throw new BerthError("CONFLICT", `Container ${record.id} is not running`);
  }
  const rows = await core.host.processes(core.runtime.cgroupParent, record.id);
  return {
    Titles: ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"],
    Processes: rows.map(topRow),
  };
}
