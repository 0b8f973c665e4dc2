/** A health check as image configs store it (durations in nanoseconds, as Docker's JSON has them). */
export interface HealthConfig {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

/** The `config` object of an image config: what a container inherits from its image. */
export interface ContainerConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  ArgsEscaped?: boolean;
  Healthcheck?: HealthConfig;
  OnBuild?: string[];
  Shell?: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? [...value] : undefined;
}

function keySet(value: unknown): Record<string, Record<string, never>> | undefined {
  if (!isObject(value)) return undefined;
  return Object.fromEntries(Object.keys(value).map((key) => [key, {}]));
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, item]) => (typeof item === "string" ? [[key, item]] : [])),
  );
}

function health(value: unknown): HealthConfig | undefined {
  if (!isObject(value)) return undefined;
  const out: HealthConfig = {};
  const test = strings(value.Test);
  if (test) out.Test = test;
  for (const key of ["Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"] as const) {
    const item = value[key];
    if (typeof item === "number" && Number.isFinite(item)) out[key] = item;
  }
  return out;
}

/** Reads the container config out of an image config's raw JSON (`raw.config`), dropping malformed fields. */
export function readContainerConfig(raw: Record<string, unknown>): ContainerConfig {
  const source = raw.config;
  if (!isObject(source)) return {};
  const out: ContainerConfig = {};
  const str = (key: string) => (typeof source[key] === "string" ? (source[key] as string) : undefined);
  const assign = <K extends keyof ContainerConfig>(key: K, value: ContainerConfig[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  assign("User", str("User"));
  assign("ExposedPorts", keySet(source.ExposedPorts));
  assign("Env", strings(source.Env));
  assign("Entrypoint", strings(source.Entrypoint));
  assign("Cmd", strings(source.Cmd));
  assign("Volumes", keySet(source.Volumes));
  assign("WorkingDir", str("WorkingDir"));
  assign("Labels", stringMap(source.Labels));
  assign("StopSignal", str("StopSignal"));
  if (typeof source.ArgsEscaped === "boolean") out.ArgsEscaped = source.ArgsEscaped;
  assign("Healthcheck", health(source.Healthcheck));
  assign("OnBuild", strings(source.OnBuild));
  assign("Shell", strings(source.Shell));
  return out;
}

const order: (keyof ContainerConfig)[] = [
  "User",
  "ExposedPorts",
  "Env",
  "Entrypoint",
  "Cmd",
  "Volumes",
  "WorkingDir",
  "Labels",
  "StopSignal",
  "ArgsEscaped",
  "Healthcheck",
  "OnBuild",
  "Shell",
];

function sortedKeys<T>(value: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The config in a stable key order (maps sorted), with empty values dropped: what goes into the JSON. */
export function canonicalContainerConfig(config: ContainerConfig): ContainerConfig {
  const out: Record<string, unknown> = {};
  for (const key of order) {
    const value = config[key];
    if (value === undefined || value === "") continue;
    if (key === "ExposedPorts" || key === "Volumes" || key === "Labels") {
      out[key] = sortedKeys(value as Record<string, unknown>);
    } else {
      out[key] = value;
    }
  }
  return out as ContainerConfig;
}
