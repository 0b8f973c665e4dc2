import type { Extensions, StringMap } from "./common.js";
import type { ServiceConfig } from "./service.js";

/** One pool of a network's IPAM configuration. */
export interface IpamPool extends Extensions {
  subnet?: string;
  gateway?: string;
  ip_range?: string;
  aux_addresses?: StringMap;
}

/** IPAM configuration of a network (always present on a network, possibly empty). */
export interface IpamConfig extends Extensions {
  driver?: string;
  config?: IpamPool[];
  options?: StringMap;
}

/** A top-level network. */
export interface NetworkConfig extends Extensions {
  name?: string;
  driver?: string;
  driver_opts?: StringMap;
  ipam: IpamConfig;
  external?: boolean;
  internal?: boolean;
  attachable?: boolean;
  labels?: StringMap;
  enable_ipv4?: boolean;
  enable_ipv6?: boolean;
}

/** A top-level volume. */
export interface VolumeConfig extends Extensions {
  name?: string;
  driver?: string;
  driver_opts?: StringMap;
  external?: boolean;
  labels?: StringMap;
}

/** A top-level secret or config (compose-go's FileObjectConfig). */
export interface FileObjectConfig extends Extensions {
  name?: string;
  file?: string;
  environment?: string;
  content?: string;
  external?: boolean;
  labels?: StringMap;
  driver?: string;
  driver_opts?: StringMap;
  template_driver?: string;
}

/** A top-level secret. */
export type SecretConfig = FileObjectConfig;

/** A top-level config. */
export type ConfigObjConfig = FileObjectConfig;

/** A top-level model (AI model runner). */
export interface ModelConfig extends Extensions {
  name?: string;
  model?: string;
  context_size?: number;
  runtime_flags?: string[];
}

/** A compose project in canonical long syntax, shaped like `docker compose config --format json`. */
export interface Project extends Extensions {
  name: string;
  services: Record<string, ServiceConfig>;
  networks?: Record<string, NetworkConfig>;
  volumes?: Record<string, VolumeConfig>;
  secrets?: Record<string, SecretConfig>;
  configs?: Record<string, ConfigObjConfig>;
  models?: Record<string, ModelConfig>;
}
