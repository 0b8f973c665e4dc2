import { z } from "zod";
import { ContainerConfig, HostConfig } from "./container-config.js";

/** Container statuses as Docker names them. */
export const ContainerStatus = z.enum([
  "created",
  "running",
  "paused",
  "restarting",
  "removing",
  "exited",
  "dead",
]);
/** A container status. */
export type ContainerStatus = z.infer<typeof ContainerStatus>;

/** One health probe result, as Docker keeps the last five. */
export const HealthLogEntry = z.object({
  Start: z.string(),
  End: z.string(),
  ExitCode: z.number().int(),
  Output: z.string(),
});
/** One health probe result. */
export type HealthLogEntry = z.infer<typeof HealthLogEntry>;

/** State.Health. */
export const HealthState = z.object({
  Status: z.enum(["none", "starting", "healthy", "unhealthy"]),
  FailingStreak: z.number().int().nonnegative(),
  Log: z.array(HealthLogEntry),
});
/** State.Health. */
export type HealthState = z.infer<typeof HealthState>;

/** The State block of a container inspect. */
export const ContainerState = z.object({
  Status: ContainerStatus,
  Running: z.boolean(),
  Paused: z.boolean(),
  Restarting: z.boolean(),
  OOMKilled: z.boolean(),
  Dead: z.boolean(),
  Pid: z.number().int(),
  ExitCode: z.number().int(),
  Error: z.string(),
  StartedAt: z.string(),
  FinishedAt: z.string(),
  Health: HealthState.optional(),
});
/** The State block of a container inspect. */
export type ContainerState = z.infer<typeof ContainerState>;

/** A mount as inspect and list report it. */
export const MountPoint = z.object({
  Type: z.string(),
  Name: z.string().optional(),
  Source: z.string(),
  Destination: z.string(),
  Driver: z.string().optional(),
  Mode: z.string(),
  RW: z.boolean(),
  Propagation: z.string(),
});
/** A mount as inspect and list report it. */
export type MountPoint = z.infer<typeof MountPoint>;

/** One network endpoint (kept loose: networks come later). */
export const EndpointSettings = z.looseObject({
  NetworkID: z.string().optional(),
  EndpointID: z.string().optional(),
  Gateway: z.string().optional(),
  IPAddress: z.string().optional(),
  IPPrefixLen: z.number().int().optional(),
  MacAddress: z.string().optional(),
  Aliases: z.array(z.string()).nullish(),
});
/** One network endpoint. */
export type EndpointSettings = z.infer<typeof EndpointSettings>;

/** NetworkSettings of an inspect. */
export const NetworkSettings = z.looseObject({
  Bridge: z.string().optional(),
  SandboxID: z.string().optional(),
  SandboxKey: z.string().optional(),
  Ports: z.record(z.string(), z.array(z.object({ HostIp: z.string(), HostPort: z.string() })).nullable()),
  IPAddress: z.string().optional(),
  Gateway: z.string().optional(),
  MacAddress: z.string().optional(),
  Networks: z.record(z.string(), EndpointSettings),
});
/** NetworkSettings of an inspect. */
export type NetworkSettings = z.infer<typeof NetworkSettings>;

/** GET /containers/{id}/json: Docker's ContainerJSON. */
export const ContainerInspect = z.object({
  Id: z.string(),
  Created: z.string(),
  Path: z.string(),
  Args: z.array(z.string()),
  State: ContainerState,
  Image: z.string(),
  ResolvConfPath: z.string(),
  HostnamePath: z.string(),
  HostsPath: z.string(),
  LogPath: z.string(),
  Name: z.string(),
  RestartCount: z.number().int().nonnegative(),
  Driver: z.string(),
  Platform: z.string(),
  MountLabel: z.string(),
  ProcessLabel: z.string(),
  AppArmorProfile: z.string(),
  ExecIDs: z.array(z.string()).nullable(),
  HostConfig: HostConfig,
  GraphDriver: z.object({ Name: z.string(), Data: z.record(z.string(), z.string()).nullable() }),
  Mounts: z.array(MountPoint),
  Config: ContainerConfig,
  NetworkSettings: NetworkSettings,
});
/** GET /containers/{id}/json. */
export type ContainerInspect = z.infer<typeof ContainerInspect>;
