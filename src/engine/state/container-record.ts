import type { ContainerCreateBody, ContainerStatus, HealthState } from "../../api/index.js";
import type { PortForward } from "../../network/index.js";
import type { ContainerSpec } from "../../runtime/spec/index.js";
import type { EndpointRecord } from "../networks/endpoint-record.js";
import { ZERO_TIME } from "../util/time.js";

/** The runtime state of a container as the engine records it (Docker's State block, minus Health). */
export interface RecordedState {
  status: ContainerStatus;
  pid: number;
  exitCode: number;
  startedAt: string;
  finishedAt: string;
  oomKilled: boolean;
  error: string;
}

/** Everything the engine keeps about one container (one JSON file each, written atomically). */
export interface ContainerRecord {
  id: string;
  name: string;
  /** RFC 3339 creation time. */
  created: string;
  /** The image as the create request named it. */
  imageRef: string;
  /** The image id (config digest) it was created from. */
  imageId: string;
  /** Unpacked layer chain ids, lowest first (kept from pruning while the container exists). */
  layers: string[];
  /** The create request as received. */
  body: ContainerCreateBody;
  /** What the runtime was prepared with. */
  spec: ContainerSpec;
  state: RecordedState;
  restartCount: number;
  /** Set by a user stop/kill, cleared by a user start: restart policies never undo it. */
  stoppedByUser: boolean;
  /** True once it has been started (restart policies on engine start only apply then). */
  hasRun: boolean;
  /** True from the first write until the runtime bundle exists; a crash in between leaves it to remove. */
  creating: boolean;
  health?: HealthState;
  /** Exec ids (kept for inspect; execs themselves are not persisted). */
  execIds: string[];
  /** Networks the container is on, by network id (addresses set while it runs). */
  endpoints?: Record<string, EndpointRecord>;
  /** The network of eth0 and the default route. */
  primaryNetwork?: string;
  /** `container:<id>` mode: the container whose network namespace it joins. */
  netnsOf?: string;
  /** Published ports as resolved at the last start (host ports picked); cleared at the exit. */
  ports?: PortForward[];
}

/** A fresh state: created, never run. */
export function createdState(): RecordedState {
  return {
    status: "created",
    pid: 0,
    exitCode: 0,
    startedAt: ZERO_TIME,
    finishedAt: ZERO_TIME,
    oomKilled: false,
    error: "",
  };
}

/** Whether the container's process exists (running, paused or restarting counts as "up" for Docker). */
export function isUp(record: ContainerRecord): boolean {
  return record.state.status === "running" || record.state.status === "paused";
}
