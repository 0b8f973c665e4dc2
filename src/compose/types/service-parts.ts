import type {
  ByteSizeString,
  DurationString,
  Extensions,
  NullableStringMap,
  StringMap,
  UlimitConfig,
} from "./common.js";

/** A published or exposed port in long syntax (one entry per port of a range). */
export interface ServicePortConfig extends Extensions {
  name?: string;
  mode: string;
  host_ip?: string;
  target: number;
  published?: string;
  protocol: string;
  app_protocol?: string;
}

/** Options of a bind mount. */
export interface ServiceVolumeBind extends Extensions {
  selinux?: string;
  propagation?: string;
  create_host_path?: boolean;
  recursive?: string;
}

/** Options of a volume mount. */
export interface ServiceVolumeVolume extends Extensions {
  labels?: StringMap;
  nocopy?: boolean;
  subpath?: string;
}

/** Options of a tmpfs mount. */
export interface ServiceVolumeTmpfs extends Extensions {
  size?: ByteSizeString;
  mode?: number;
}

/** Options of an image mount. */
export interface ServiceVolumeImage extends Extensions {
  subpath?: string;
}

/** A mount of a service in long syntax. */
export interface ServiceVolumeConfig extends Extensions {
  type: string;
  source?: string;
  target?: string;
  read_only?: boolean;
  consistency?: string;
  bind?: ServiceVolumeBind;
  volume?: ServiceVolumeVolume;
  tmpfs?: ServiceVolumeTmpfs;
  image?: ServiceVolumeImage;
}

/** One dependency of a service. */
export interface ServiceDependency extends Extensions {
  condition: string;
  restart?: boolean;
  required: boolean;
}

/** An `env_file` entry in long syntax. */
export interface EnvFileConfig {
  path: string;
  required: boolean;
  format?: string;
}

/** A secret or config mounted into a service. */
export interface ServiceFileReference extends Extensions {
  source: string;
  target?: string;
  uid?: string;
  gid?: string;
  /** Octal file mode as compose prints it, e.g. `"0440"`. */
  mode?: string;
}

/** A device mapped into the container. */
export interface DeviceMapping extends Extensions {
  source: string;
  target: string;
  permissions: string;
}

/** A device request (GPUs and the like). */
export interface DeviceRequest {
  capabilities?: string[];
  driver?: string;
  /** A number of devices or `"all"`. */
  count?: number | string;
  device_ids?: string[];
  options?: StringMap;
}

/** A service's attachment to one network (null in the map when it has no options). */
export interface ServiceNetworkConfig extends Extensions {
  aliases?: string[];
  driver_opts?: StringMap;
  gw_priority?: number;
  interface_name?: string;
  ipv4_address?: string;
  ipv6_address?: string;
  link_local_ips?: string[];
  mac_address?: string;
  priority?: number;
}

/** The build section in long syntax. */
export interface BuildConfig extends Extensions {
  context: string;
  dockerfile?: string;
  dockerfile_inline?: string;
  entitlements?: string[];
  args?: NullableStringMap;
  provenance?: string;
  sbom?: string;
  ssh?: string[];
  labels?: StringMap;
  cache_from?: string[];
  cache_to?: string[];
  no_cache?: boolean;
  no_cache_filter?: string[];
  additional_contexts?: StringMap;
  pull?: boolean;
  extra_hosts?: string[];
  isolation?: string;
  network?: string;
  target?: string;
  secrets?: ServiceFileReference[];
  shm_size?: ByteSizeString;
  tags?: string[];
  ulimits?: Record<string, UlimitConfig>;
  platforms?: string[];
  privileged?: boolean;
}

/** A health check. */
export interface HealthCheckConfig extends Extensions {
  test?: string[];
  timeout?: DurationString;
  interval?: DurationString;
  retries?: number;
  start_period?: DurationString;
  start_interval?: DurationString;
  disable?: boolean;
}

/** Logging driver and options. */
export interface LoggingConfig extends Extensions {
  driver?: string;
  options?: StringMap;
}

/** A lifecycle hook (`post_start`, `pre_stop`, …) or a watch `exec`. */
export interface ServiceHook extends Extensions {
  command?: string[];
  image?: string;
  user?: string;
  privileged?: boolean;
  working_dir?: string;
  environment?: NullableStringMap;
  per_replica?: boolean;
}

/** One develop.watch rule. */
export interface WatchTrigger extends Extensions {
  path: string;
  action: string;
  target?: string;
  exec?: ServiceHook;
  include?: string[];
  ignore?: string[];
  initial_sync?: boolean;
}

/** The develop section. */
export interface DevelopConfig extends Extensions {
  watch?: WatchTrigger[];
}

/** Limits or reservations of deploy.resources. */
export interface ResourceConfig extends Extensions {
  cpus?: number;
  memory?: ByteSizeString;
  pids?: number;
  devices?: DeviceRequest[];
  generic_resources?: Record<string, unknown>[];
}

/** deploy.restart_policy. */
export interface RestartPolicyConfig extends Extensions {
  condition?: string;
  delay?: DurationString;
  max_attempts?: number;
  window?: DurationString;
}

/** deploy.update_config and deploy.rollback_config. */
export interface UpdateConfig extends Extensions {
  parallelism?: number;
  delay?: DurationString;
  failure_action?: string;
  monitor?: DurationString;
  max_failure_ratio?: number;
  order?: string;
}

/** The deploy section. */
export interface DeployConfig extends Extensions {
  mode?: string;
  replicas?: number;
  labels?: StringMap;
  update_config?: UpdateConfig;
  rollback_config?: UpdateConfig;
  resources?: { limits?: ResourceConfig; reservations?: ResourceConfig } & Extensions;
  restart_policy?: RestartPolicyConfig;
  placement?: {
    constraints?: string[];
    preferences?: { spread?: string }[];
    max_replicas_per_node?: number;
  } & Extensions;
  endpoint_mode?: string;
}

/** blkio_config; rates are byte sizes as compose prints them. */
export interface BlkioConfig extends Extensions {
  weight?: number;
  weight_device?: { path: string; weight: number }[];
  device_read_bps?: { path: string; rate: ByteSizeString }[];
  device_read_iops?: { path: string; rate: ByteSizeString }[];
  device_write_bps?: { path: string; rate: ByteSizeString }[];
  device_write_iops?: { path: string; rate: ByteSizeString }[];
}
