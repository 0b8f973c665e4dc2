/** How a string at a typed path becomes a number or boolean (undefined: leave the string as is). */
export type Caster = (text: string) => number | boolean | undefined;

/** One typed path: segments are keys, `*` (any key or index) or `[]` (any list index). */
export interface CastRule {
  pattern: readonly string[];
  cast: Caster;
}

/** Decimal integer with an optional sign, as Go's strconv.Atoi reads it (kept exact in a JS number). */
export const toInteger: Caster = (text) => {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
};

/** Decimal float as Go's strconv.ParseFloat reads it (finite values only). */
export const toFloat: Caster = (text) => {
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
};

/** YAML 1.1 booleans, as compose-go accepts them after interpolation (case-insensitive). */
export const toBoolean: Caster = (text) => {
  switch (text.toLowerCase()) {
    case "true":
    case "y":
    case "yes":
    case "on":
      return true;
    case "false":
    case "n":
    case "no":
    case "off":
      return false;
    default:
      return undefined;
  }
};

const service = (...rest: string[]): string[] => ["services", "*", ...rest];
const top = (...parts: string[]): string[] => parts;

/**
 * The typed paths of a compose file whose interpolated strings are cast, after compose-go's
 * loader table; `services.*.ports.[].published` is a berth addition (numeric strings only).
 */
export const COMPOSE_CAST_RULES: readonly CastRule[] = [
  { pattern: service("cpu_count"), cast: toInteger },
  { pattern: service("cpu_percent"), cast: toFloat },
  { pattern: service("cpu_period"), cast: toInteger },
  { pattern: service("cpu_quota"), cast: toInteger },
  { pattern: service("cpu_rt_period"), cast: toInteger },
  { pattern: service("cpu_rt_runtime"), cast: toInteger },
  { pattern: service("cpus"), cast: toFloat },
  { pattern: service("cpu_shares"), cast: toInteger },
  { pattern: service("init"), cast: toBoolean },
  { pattern: service("depends_on", "*", "required"), cast: toBoolean },
  { pattern: service("depends_on", "*", "restart"), cast: toBoolean },
  { pattern: service("deploy", "replicas"), cast: toInteger },
  { pattern: service("deploy", "update_config", "parallelism"), cast: toInteger },
  { pattern: service("deploy", "update_config", "max_failure_ratio"), cast: toFloat },
  { pattern: service("deploy", "rollback_config", "parallelism"), cast: toInteger },
  { pattern: service("deploy", "rollback_config", "max_failure_ratio"), cast: toFloat },
  { pattern: service("deploy", "restart_policy", "max_attempts"), cast: toInteger },
  { pattern: service("deploy", "placement", "max_replicas_per_node"), cast: toInteger },
  { pattern: service("healthcheck", "retries"), cast: toInteger },
  { pattern: service("healthcheck", "disable"), cast: toBoolean },
  { pattern: service("oom_kill_disable"), cast: toBoolean },
  { pattern: service("oom_score_adj"), cast: toInteger },
  { pattern: service("pids_limit"), cast: toInteger },
  { pattern: service("ports", "[]", "target"), cast: toInteger },
  { pattern: service("ports", "[]", "published"), cast: toInteger },
  { pattern: service("privileged"), cast: toBoolean },
  { pattern: service("read_only"), cast: toBoolean },
  { pattern: service("scale"), cast: toInteger },
  { pattern: service("stdin_open"), cast: toBoolean },
  { pattern: service("tty"), cast: toBoolean },
  { pattern: service("ulimits", "*"), cast: toInteger },
  { pattern: service("ulimits", "*", "hard"), cast: toInteger },
  { pattern: service("ulimits", "*", "soft"), cast: toInteger },
  { pattern: service("volumes", "[]", "read_only"), cast: toBoolean },
  { pattern: service("volumes", "[]", "volume", "nocopy"), cast: toBoolean },
  { pattern: top("networks", "*", "external"), cast: toBoolean },
  { pattern: top("networks", "*", "internal"), cast: toBoolean },
  { pattern: top("networks", "*", "attachable"), cast: toBoolean },
  { pattern: top("networks", "*", "enable_ipv4"), cast: toBoolean },
  { pattern: top("networks", "*", "enable_ipv6"), cast: toBoolean },
  { pattern: top("volumes", "*", "external"), cast: toBoolean },
  { pattern: top("secrets", "*", "external"), cast: toBoolean },
  { pattern: top("configs", "*", "external"), cast: toBoolean },
];
