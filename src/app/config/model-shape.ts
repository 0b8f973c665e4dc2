// Key order of `docker compose config`: compose-go marshals structs in field-declaration order and
// maps with sorted keys. This table restates those field orders (facts, not code) for the canonical model.

/** How a value of the model is laid out: a struct (fixed field order), a map or list of one, or a plain map. */
export type Shape = { struct: string } | { mapOf: Shape } | { listOf: Shape };

interface StructShape {
  fields: readonly string[];
  children?: Readonly<Record<string, Shape>>;
}

const s = (name: string): Shape => ({ struct: name });
const mapOf = (shape: Shape): Shape => ({ mapOf: shape });
const listOf = (shape: Shape): Shape => ({ listOf: shape });

const serviceFields = `profiles annotations attach build develop blkio_config cap_add cap_drop cgroup_parent cgroup
cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpus cpuset cpu_shares command configs
container_name credential_spec depends_on deploy device_cgroup_rules devices dns dns_opt dns_search dockerfile
domainname entrypoint provider environment env_file expose extends external_links extra_hosts group_add gpus hostname
healthcheck image init ipc isolation labels label_file links logging log_driver log_opt mem_limit mem_reservation
memswap_limit mem_swappiness mac_address models net network_mode networks oom_kill_disable oom_score_adj pid
pids_limit platform ports privileged pull_policy read_only restart runtime scale secrets security_opt shm_size
stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode uts
volume_driver volumes volumes_from working_dir pre_start post_start pre_stop`;

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== "");

/** Every struct of the model, by name. */
export const structs: Readonly<Record<string, StructShape>> = {
  project: {
    fields: words("name services networks volumes secrets configs models"),
    children: {
      services: mapOf(s("service")),
      networks: mapOf(s("network")),
      volumes: mapOf(s("volume")),
      secrets: mapOf(s("fileObject")),
      configs: mapOf(s("fileObject")),
      models: mapOf(s("model")),
    },
  },
  service: {
    fields: words(serviceFields),
    children: {
      build: s("build"),
      develop: s("develop"),
      blkio_config: s("blkio"),
      configs: listOf(s("fileReference")),
      secrets: listOf(s("fileReference")),
      credential_spec: s("credentialSpec"),
      depends_on: mapOf(s("dependency")),
      deploy: s("deploy"),
      devices: listOf(s("device")),
      extends: s("extends"),
      gpus: listOf(s("deviceRequest")),
      healthcheck: s("healthcheck"),
      logging: s("logging"),
      models: mapOf(s("serviceModel")),
      networks: mapOf(s("serviceNetwork")),
      ports: listOf(s("port")),
      provider: s("provider"),
      ulimits: mapOf(s("ulimit")),
      volumes: listOf(s("serviceVolume")),
      pre_start: listOf(s("hook")),
      post_start: listOf(s("hook")),
      pre_stop: listOf(s("hook")),
    },
  },
  build: {
    fields:
      words(`context dockerfile dockerfile_inline entitlements args provenance sbom ssh labels cache_from
      cache_to no_cache no_cache_filter additional_contexts pull extra_hosts isolation network target secrets
      shm_size tags ulimits platforms privileged`),
    children: { secrets: listOf(s("fileReference")), ulimits: mapOf(s("ulimit")) },
  },
  develop: { fields: ["watch"], children: { watch: listOf(s("trigger")) } },
  trigger: {
    fields: words("path action target exec include ignore initial_sync"),
    children: { exec: s("hook") },
  },
  hook: { fields: words("command image user privileged working_dir environment per_replica") },
  blkio: {
    fields: words("weight weight_device device_read_bps device_read_iops device_write_bps device_write_iops"),
    children: {
      weight_device: listOf(s("weightDevice")),
      device_read_bps: listOf(s("throttleDevice")),
      device_read_iops: listOf(s("throttleDevice")),
      device_write_bps: listOf(s("throttleDevice")),
      device_write_iops: listOf(s("throttleDevice")),
    },
  },
  weightDevice: { fields: ["path", "weight"] },
  throttleDevice: { fields: ["path", "rate"] },
  fileReference: { fields: words("source target uid gid mode") },
  credentialSpec: { fields: words("config file registry") },
  dependency: { fields: words("condition restart required") },
  deploy: {
    fields: words(`mode replicas labels update_config rollback_config resources restart_policy placement
      endpoint_mode`),
    children: {
      update_config: s("updateConfig"),
      rollback_config: s("updateConfig"),
      resources: s("resources"),
      restart_policy: s("restartPolicy"),
      placement: s("placement"),
    },
  },
  updateConfig: { fields: words("parallelism delay failure_action monitor max_failure_ratio order") },
  resources: {
    fields: ["limits", "reservations"],
    children: { limits: s("resource"), reservations: s("resource") },
  },
  resource: {
    fields: words("cpus memory pids devices generic_resources"),
    children: { devices: listOf(s("deviceRequest")), generic_resources: listOf(s("genericResource")) },
  },
  genericResource: {
    fields: ["discrete_resource_spec"],
    children: { discrete_resource_spec: s("discrete") },
  },
  discrete: { fields: ["kind", "value"] },
  restartPolicy: { fields: words("condition delay max_attempts window") },
  placement: {
    fields: words("constraints preferences max_replicas_per_node"),
    children: { preferences: listOf(s("spread")) },
  },
  spread: { fields: ["spread"] },
  deviceRequest: { fields: words("capabilities driver count device_ids options") },
  device: { fields: words("source target permissions") },
  extends: { fields: ["file", "service"] },
  healthcheck: { fields: words("test timeout interval retries start_period start_interval disable") },
  logging: { fields: ["driver", "options"] },
  serviceModel: { fields: ["endpoint_var", "model_var"] },
  serviceNetwork: {
    fields: words(`aliases driver_opts gw_priority interface_name ipv4_address ipv6_address link_local_ips
      mac_address priority`),
  },
  port: { fields: words("name mode host_ip target published protocol app_protocol") },
  provider: { fields: ["type", "options"] },
  ulimit: { fields: ["single", "soft", "hard"] },
  serviceVolume: {
    fields: words("type source target read_only consistency bind volume tmpfs image"),
    children: {
      bind: s("volumeBind"),
      volume: s("volumeVolume"),
      tmpfs: s("volumeTmpfs"),
      image: s("volumeImage"),
    },
  },
  volumeBind: { fields: words("selinux propagation create_host_path recursive") },
  volumeVolume: { fields: ["labels", "nocopy", "subpath"] },
  volumeTmpfs: { fields: ["size", "mode"] },
  volumeImage: { fields: ["subpath"] },
  network: {
    fields: words("name driver driver_opts ipam external internal attachable labels enable_ipv4 enable_ipv6"),
    children: { ipam: s("ipam") },
  },
  ipam: { fields: ["driver", "config", "options"], children: { config: listOf(s("ipamPool")) } },
  ipamPool: { fields: words("subnet gateway ip_range aux_addresses") },
  volume: { fields: words("name driver driver_opts external labels") },
  fileObject: {
    fields: words("name file environment content external labels driver driver_opts template_driver"),
  },
  model: { fields: words("name model context_size runtime_flags") },
};
