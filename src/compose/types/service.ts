import type {
  ByteSizeString,
  DurationString,
  Extensions,
  NullableStringMap,
  StringMap,
  UlimitConfig,
} from "./common.js";
import type {
  BlkioConfig,
  BuildConfig,
  DeployConfig,
  DevelopConfig,
  DeviceMapping,
  DeviceRequest,
  EnvFileConfig,
  HealthCheckConfig,
  LoggingConfig,
  ServiceDependency,
  ServiceFileReference,
  ServiceHook,
  ServiceNetworkConfig,
  ServicePortConfig,
  ServiceVolumeConfig,
} from "./service-parts.js";

/** One service in canonical long syntax (keys in the order compose prints them). */
export interface ServiceConfig extends Extensions {
  profiles?: string[];
  annotations?: StringMap;
  attach?: boolean;
  build?: BuildConfig;
  develop?: DevelopConfig;
  blkio_config?: BlkioConfig;
  cap_add?: string[];
  cap_drop?: string[];
  cgroup_parent?: string;
  cgroup?: string;
  cpu_count?: number;
  cpu_percent?: number;
  cpu_period?: number;
  cpu_quota?: number;
  cpu_rt_period?: number;
  cpu_rt_runtime?: number;
  cpus?: number;
  cpuset?: string;
  cpu_shares?: number;
  /** argv; `[]` clears the image's command. */
  command?: string[];
  configs?: ServiceFileReference[];
  container_name?: string;
  credential_spec?: { config?: string; file?: string; registry?: string } & Extensions;
  depends_on?: Record<string, ServiceDependency>;
  deploy?: DeployConfig;
  device_cgroup_rules?: string[];
  devices?: DeviceMapping[];
  dns?: string[];
  dns_opt?: string[];
  dns_search?: string[];
  dockerfile?: string;
  domainname?: string;
  /** argv; `[]` clears the image's entrypoint. */
  entrypoint?: string[];
  provider?: { type?: string; options?: Record<string, string[]> } & Extensions;
  environment?: NullableStringMap;
  env_file?: EnvFileConfig[];
  expose?: string[];
  extends?: { file?: string; service?: string };
  external_links?: string[];
  /** `host=ip` entries, sorted, as compose prints them. */
  extra_hosts?: string[];
  group_add?: string[];
  gpus?: DeviceRequest[];
  hostname?: string;
  healthcheck?: HealthCheckConfig;
  image?: string;
  init?: boolean;
  ipc?: string;
  isolation?: string;
  labels?: StringMap;
  label_file?: string[];
  links?: string[];
  logging?: LoggingConfig;
  log_driver?: string;
  log_opt?: StringMap;
  mem_limit?: ByteSizeString;
  mem_reservation?: ByteSizeString;
  memswap_limit?: ByteSizeString;
  mem_swappiness?: ByteSizeString;
  mac_address?: string;
  models?: Record<string, ({ endpoint_var?: string; model_var?: string } & Extensions) | null>;
  net?: string;
  network_mode?: string;
  networks?: Record<string, ServiceNetworkConfig | null>;
  oom_kill_disable?: boolean;
  oom_score_adj?: number;
  pid?: string;
  pids_limit?: number;
  platform?: string;
  ports?: ServicePortConfig[];
  privileged?: boolean;
  pull_policy?: string;
  read_only?: boolean;
  restart?: string;
  runtime?: string;
  scale?: number;
  secrets?: ServiceFileReference[];
  security_opt?: string[];
  shm_size?: ByteSizeString;
  stdin_open?: boolean;
  stop_grace_period?: DurationString;
  stop_signal?: string;
  storage_opt?: StringMap;
  sysctls?: StringMap;
  tmpfs?: string[];
  tty?: boolean;
  ulimits?: Record<string, UlimitConfig>;
  use_api_socket?: boolean;
  user?: string;
  userns_mode?: string;
  uts?: string;
  volume_driver?: string;
  volumes?: ServiceVolumeConfig[];
  volumes_from?: string[];
  working_dir?: string;
  pre_start?: ServiceHook[];
  post_start?: ServiceHook[];
  pre_stop?: ServiceHook[];
}

/** The keys of a service in the order `docker compose config` prints them. */
export const SERVICE_KEY_ORDER: readonly (keyof ServiceConfig & string)[] = [
  "profiles",
  "annotations",
  "attach",
  "build",
  "develop",
  "blkio_config",
  "cap_add",
  "cap_drop",
  "cgroup_parent",
  "cgroup",
  "cpu_count",
  "cpu_percent",
  "cpu_period",
  "cpu_quota",
  "cpu_rt_period",
  "cpu_rt_runtime",
  "cpus",
  "cpuset",
  "cpu_shares",
  "command",
  "configs",
  "container_name",
  "credential_spec",
  "depends_on",
  "deploy",
  "device_cgroup_rules",
  "devices",
  "dns",
  "dns_opt",
  "dns_search",
  "dockerfile",
  "domainname",
  "entrypoint",
  "provider",
  "environment",
  "env_file",
  "expose",
  "extends",
  "external_links",
  "extra_hosts",
  "group_add",
  "gpus",
  "hostname",
  "healthcheck",
  "image",
  "init",
  "ipc",
  "isolation",
  "labels",
  "label_file",
  "links",
  "logging",
  "log_driver",
  "log_opt",
  "mem_limit",
  "mem_reservation",
  "memswap_limit",
  "mem_swappiness",
  "mac_address",
  "models",
  "net",
  "network_mode",
  "networks",
  "oom_kill_disable",
  "oom_score_adj",
  "pid",
  "pids_limit",
  "platform",
  "ports",
  "privileged",
  "pull_policy",
  "read_only",
  "restart",
  "runtime",
  "scale",
  "secrets",
  "security_opt",
  "shm_size",
  "stdin_open",
  "stop_grace_period",
  "stop_signal",
  "storage_opt",
  "sysctls",
  "tmpfs",
  "tty",
  "ulimits",
  "use_api_socket",
  "user",
  "userns_mode",
  "uts",
  "volume_driver",
  "volumes",
  "volumes_from",
  "working_dir",
  "pre_start",
  "post_start",
  "pre_stop",
];
