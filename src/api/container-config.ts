import { z } from "zod";
import { EndpointConfig } from "./network.js";

const strings = z.array(z.string()).nullish();
const stringMap = z.record(z.string(), z.string()).nullish();
/** Docker's StrSlice: a JSON string or an array of strings. */
const strSlice = z.union([z.string().transform((value) => [value]), z.array(z.string())]).nullish();
const emptyObjects = z.record(z.string(), z.object({}).nullish()).nullish();

/** A health check as Docker's Config.Healthcheck (durations in nanoseconds). */
export const HealthConfig = z.object({
  Test: z.array(z.string()).nullish(),
  Interval: z.number().int().nonnegative().nullish(),
  Timeout: z.number().int().nonnegative().nullish(),
  Retries: z.number().int().nonnegative().nullish(),
  StartPeriod: z.number().int().nonnegative().nullish(),
  StartInterval: z.number().int().nonnegative().nullish(),
});
/** A health check (durations in nanoseconds). */
export type HealthConfig = z.infer<typeof HealthConfig>;

/** The container's Config (image-independent settings) as Docker sends it on create. */
export const ContainerConfig = z.object({
  Hostname: z.string().nullish(),
  Domainname: z.string().nullish(),
  User: z.string().nullish(),
  AttachStdin: z.boolean().nullish(),
  AttachStdout: z.boolean().nullish(),
  AttachStderr: z.boolean().nullish(),
  ExposedPorts: emptyObjects,
  MacAddress: z.string().nullish(),
  Tty: z.boolean().nullish(),
  OpenStdin: z.boolean().nullish(),
  StdinOnce: z.boolean().nullish(),
  Env: strings,
  Cmd: strSlice,
  Healthcheck: HealthConfig.nullish(),
  ArgsEscaped: z.boolean().nullish(),
  Image: z.string().nullish(),
  Volumes: emptyObjects,
  WorkingDir: z.string().nullish(),
  Entrypoint: strSlice,
  NetworkDisabled: z.boolean().nullish(),
  Labels: stringMap,
  StopSignal: z.string().nullish(),
  StopTimeout: z.number().int().nullish(),
  Shell: strings,
});
/** The container's Config. */
export type ContainerConfig = z.infer<typeof ContainerConfig>;

/** One mount of HostConfig.Mounts. */
export const MountSpec = z.object({
  Target: z.string(),
  Source: z.string().nullish(),
  Type: z.enum(["bind", "volume", "tmpfs", "npipe", "cluster"]),
  ReadOnly: z.boolean().nullish(),
  Consistency: z.string().nullish(),
  BindOptions: z
    .object({
      Propagation: z.string().nullish(),
      NonRecursive: z.boolean().nullish(),
      CreateMountpoint: z.boolean().nullish(),
    })
    .nullish(),
  VolumeOptions: z
    .object({
      NoCopy: z.boolean().nullish(),
      Labels: stringMap,
      Subpath: z.string().nullish(),
      DriverConfig: z.object({ Name: z.string().nullish(), Options: stringMap }).nullish(),
    })
    .nullish(),
  TmpfsOptions: z
    .object({ SizeBytes: z.number().int().nonnegative().nullish(), Mode: z.number().int().nullish() })
    .nullish(),
});
/** One mount of HostConfig.Mounts. */
export type MountSpec = z.infer<typeof MountSpec>;

/** A resource limit (`nofile`, `nproc`, …). */
export const Ulimit = z.object({ Name: z.string(), Soft: z.number().int(), Hard: z.number().int() });
/** A resource limit. */
export type Ulimit = z.infer<typeof Ulimit>;

/** Restart policy names Docker knows ("" means no). */
export const RestartPolicyName = z.enum(["", "no", "always", "unless-stopped", "on-failure"]);

/** HostConfig.RestartPolicy. */
export const RestartPolicy = z.object({
  Name: RestartPolicyName.nullish(),
  MaximumRetryCount: z.number().int().nonnegative().nullish(),
});
/** HostConfig.RestartPolicy. */
export type RestartPolicy = z.infer<typeof RestartPolicy>;

/** A published port binding (`HostPort` "" or absent: a free port is picked). */
export const PortBinding = z.object({ HostIp: z.string().nullish(), HostPort: z.string().nullish() });

/** HostConfig: how the host runs the container (limits, mounts, privileges, restart). */
export const HostConfig = z.object({
  Binds: strings,
  ContainerIDFile: z.string().nullish(),
  LogConfig: z.object({ Type: z.string().nullish(), Config: stringMap }).nullish(),
  NetworkMode: z.string().nullish(),
  Links: strings,
  PortBindings: z.record(z.string(), z.array(PortBinding).nullish()).nullish(),
  RestartPolicy: RestartPolicy.nullish(),
  AutoRemove: z.boolean().nullish(),
  VolumesFrom: strings,
  Mounts: z.array(MountSpec).nullish(),
  CapAdd: strSlice,
  CapDrop: strSlice,
  Dns: strings,
  DnsOptions: strings,
  DnsSearch: strings,
  ExtraHosts: strings,
  GroupAdd: strings,
  IpcMode: z.string().nullish(),
  PidMode: z.string().nullish(),
  UTSMode: z.string().nullish(),
  Privileged: z.boolean().nullish(),
  PublishAllPorts: z.boolean().nullish(),
  ReadonlyRootfs: z.boolean().nullish(),
  SecurityOpt: strings,
  Tmpfs: stringMap,
  ShmSize: z.number().int().nonnegative().nullish(),
  Sysctls: stringMap,
  Init: z.boolean().nullish(),
  Memory: z.number().int().nonnegative().nullish(),
  MemoryReservation: z.number().int().nonnegative().nullish(),
  MemorySwap: z.number().int().nullish(),
  NanoCpus: z.number().int().nonnegative().nullish(),
  CpuShares: z.number().int().nonnegative().nullish(),
  CpuPeriod: z.number().int().nonnegative().nullish(),
  CpuQuota: z.number().int().nullish(),
  CpusetCpus: z.string().nullish(),
  CpusetMems: z.string().nullish(),
  PidsLimit: z.number().int().nullish(),
  OomKillDisable: z.boolean().nullish(),
  Ulimits: z.array(Ulimit).nullish(),
  CgroupParent: z.string().nullish(),
});
/** HostConfig. */
export type HostConfig = z.infer<typeof HostConfig>;

/** NetworkingConfig: the container's endpoint settings per network name (or id). */
export const NetworkingConfig = z.object({
  EndpointsConfig: z.record(z.string(), EndpointConfig.nullish()).nullish(),
});
/** NetworkingConfig. */
export type NetworkingConfig = z.infer<typeof NetworkingConfig>;

/** POST /containers/create body: Config with HostConfig and NetworkingConfig beside it. */
export const ContainerCreateBody = ContainerConfig.extend({
  Image: z.string().min(1, "Config.Image is required"),
  HostConfig: HostConfig.nullish(),
  NetworkingConfig: NetworkingConfig.nullish(),
});
/** POST /containers/create body. */
export type ContainerCreateBody = z.infer<typeof ContainerCreateBody>;

/** POST /containers/create query: the container's name. */
export const ContainerCreateQuery = z.object({
  name: z
    .string()
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .refine((value) => value === undefined || /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(value), {
      message: "Invalid container name, only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
    }),
  platform: z.string().optional(),
});
/** POST /containers/create query. */
export type ContainerCreateQuery = z.infer<typeof ContainerCreateQuery>;

/** POST /containers/create answer (201). */
export const ContainerCreateResponse = z.object({ Id: z.string(), Warnings: z.array(z.string()) });
/** POST /containers/create answer. */
export type ContainerCreateResponse = z.infer<typeof ContainerCreateResponse>;
