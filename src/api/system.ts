import { z } from "zod";
import { filtersParam, timeParam } from "./query.js";

/** GET /version answer. */
export const SystemVersion = z.object({
  Platform: z.object({ Name: z.string() }),
  Components: z.array(
    z.object({ Name: z.string(), Version: z.string(), Details: z.record(z.string(), z.string()).optional() }),
  ),
  Version: z.string(),
  ApiVersion: z.string(),
  MinAPIVersion: z.string(),
  GitCommit: z.string(),
  GoVersion: z.string(),
  Os: z.string(),
  Arch: z.string(),
  KernelVersion: z.string(),
  Experimental: z.boolean().optional(),
  BuildTime: z.string(),
});
/** GET /version answer. */
export type SystemVersion = z.infer<typeof SystemVersion>;

/** GET /info answer: the subset of Docker's SystemInfo berth fills (extra keys pass through). */
export const SystemInfo = z.looseObject({
  ID: z.string(),
  Containers: z.number().int(),
  ContainersRunning: z.number().int(),
  ContainersPaused: z.number().int(),
  ContainersStopped: z.number().int(),
  Images: z.number().int(),
  Driver: z.string(),
  DriverStatus: z.array(z.array(z.string())),
  MemoryLimit: z.boolean(),
  SwapLimit: z.boolean(),
  CpuCfsPeriod: z.boolean(),
  CpuCfsQuota: z.boolean(),
  CPUShares: z.boolean(),
  PidsLimit: z.boolean(),
  OomKillDisable: z.boolean(),
  Debug: z.boolean(),
  NFd: z.number().int(),
  NGoroutines: z.number().int(),
  SystemTime: z.string(),
  LoggingDriver: z.string(),
  CgroupDriver: z.string(),
  CgroupVersion: z.string(),
  NEventsListener: z.number().int(),
  KernelVersion: z.string(),
  OperatingSystem: z.string(),
  OSVersion: z.string(),
  OSType: z.string(),
  Architecture: z.string(),
  NCPU: z.number().int(),
  MemTotal: z.number().int(),
  IndexServerAddress: z.string(),
  DockerRootDir: z.string(),
  Name: z.string(),
  Labels: z.array(z.string()),
  ExperimentalBuild: z.boolean(),
  ServerVersion: z.string(),
  Runtimes: z.record(z.string(), z.object({ path: z.string() })),
  DefaultRuntime: z.string(),
  LiveRestoreEnabled: z.boolean(),
  Isolation: z.string(),
  InitBinary: z.string(),
  SecurityOptions: z.array(z.string()),
  Warnings: z.array(z.string()).nullable(),
});
/** GET /info answer. */
export type SystemInfo = z.infer<typeof SystemInfo>;

/** Object types an event can be about. */
export const EventType = z.enum(["container", "image", "volume", "network", "daemon"]);

/** One message of GET /events (also carrying the legacy status/id/from fields for containers). */
export const EventMessage = z.object({
  Type: EventType,
  Action: z.string(),
  Actor: z.object({ ID: z.string(), Attributes: z.record(z.string(), z.string()) }),
  scope: z.enum(["local", "swarm"]),
  time: z.number().int(),
  // Nanoseconds exceed 2^53: JSON numbers in JS keep about microsecond precision here.
  timeNano: z.number(),
  status: z.string().optional(),
  id: z.string().optional(),
  from: z.string().optional(),
});
/** One message of GET /events. */
export type EventMessage = z.infer<typeof EventMessage>;

/** GET /events query: a time window (Unix seconds) and filters (container, event, image, label, type). */
export const EventsQuery = z.object({
  since: timeParam,
  until: timeParam,
  filters: filtersParam,
});

/** Filter keys GET /events understands. */
export const eventFilterKeys = ["container", "event", "image", "label", "type"] as const;

/** Whether an event passes filters (any value within a key, all keys; labels against Actor.Attributes). */
export function eventMatchesFilters(event: EventMessage, filters: Record<string, string[]>): boolean {
  for (const [key, values] of Object.entries(filters)) {
    if (values.length === 0) continue;
    const attrs = event.Actor.Attributes;
    const ok = (() => {
      switch (key) {
        case "type":
          return values.includes(event.Type);
        case "event":
          return values.some((value) => value === event.Action || event.Action.startsWith(`${value}:`));
        case "container":
          return (
            event.Type === "container" &&
            values.some((value) => event.Actor.ID.startsWith(value) || attrs.name === value)
          );
        case "image":
          return values.some(
            (value) => attrs.image === value || event.Actor.ID === value || attrs.name === value,
          );
        case "label":
          return values.every((value) => {
            const eq = value.indexOf("=");
            return eq < 0 ? value in attrs : attrs[value.slice(0, eq)] === value.slice(eq + 1);
          });
        default:
          return true;
      }
    })();
    if (!ok) return false;
  }
  return true;
}
/** GET /events query, parsed. */
export type EventsQuery = z.infer<typeof EventsQuery>;
