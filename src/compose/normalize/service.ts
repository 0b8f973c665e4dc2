import type { RawMap, RawValue } from "../tree.js";
import { SERVICE_KEY_ORDER, type ServiceConfig } from "../types.js";
import type { ServiceContext } from "./context.js";
import { dependsOnField } from "./depends-on.js";
import { blkioField, deployField, developField, devicesField } from "./deploy.js";
import { envFileEntries, environmentMap, foldEnvFiles } from "./environment.js";
import { foldLabelFiles } from "./label-file.js";
import { extraHostsList } from "./mappings.js";
import { normalizePortEntry } from "./ports.js";
import {
  buildField,
  bytesField,
  commandField,
  deviceRequests,
  durationField,
  fileReferences,
  healthcheckField,
  hookField,
  safe,
  ulimitsField,
} from "./sections.js";
import { asList, asMap, ordered, plain, stringList, stringMap, toNumber, untag } from "./values.js";
import { normalizeVolumeEntry } from "./volumes.js";

type FieldNormalizer = (value: RawValue, ctx: ServiceContext, key: string) => unknown;

const toStringList: FieldNormalizer = (value) => stringList(value);
const toStringMap: FieldNormalizer = (value) => stringMap(value);
const toBytes: FieldNormalizer = (value, ctx, key) => bytesField(value, ctx, [key]);
const toNullMap: FieldNormalizer = (value) => {
  const v = untag(value);
  if (Array.isArray(v))
    return Object.fromEntries(
      stringList(v)
        .sort()
        .map((n) => [n, null]),
    );
  const map = asMap(v);
  return Object.fromEntries(
    Object.keys(map)
      .sort()
      .map((n) => [n, plain(map[n]) ?? null]),
  );
};
const hooks: FieldNormalizer = (value, ctx, key) => asList(value).map((h, i) => hookField(h, ctx, [key, i]));

/** Per-key normalisers; keys not listed are copied as plain data. */
const FIELDS: Record<string, FieldNormalizer> = {
  annotations: toStringMap,
  blkio_config: blkioField,
  build: buildField,
  cap_add: toStringList,
  cap_drop: toStringList,
  command: (v, ctx, key) => commandField(v, ctx, [key]),
  configs: (v) => fileReferences(v, { defaultTarget: false }),
  cpus: (v) => toNumber(v),
  depends_on: dependsOnField,
  deploy: deployField,
  develop: developField,
  devices: devicesField,
  dns: toStringList,
  dns_opt: toStringList,
  dns_search: toStringList,
  entrypoint: (v, ctx, key) => commandField(v, ctx, [key]),
  environment: (v, ctx) => environmentMap(v, ctx.lookup),
  env_file: (v, ctx) => envFileEntries(v, (p) => ctx.paths.resolve(p)),
  expose: toStringList,
  extra_hosts: (v, ctx, key) => safe(() => extraHostsList(v), ctx, key),
  gpus: (v) => deviceRequests(v),
  healthcheck: healthcheckField,
  label_file: (v, ctx) => stringList(v).map((p) => ctx.paths.resolve(p)),
  labels: toStringMap,
  log_opt: toStringMap,
  logging: (v) => {
    const map = asMap(v);
    const out = plain(map) as Record<string, unknown>;
    if (map.options !== undefined) out.options = stringMap(map.options);
    return out;
  },
  mem_limit: toBytes,
  mem_reservation: toBytes,
  mem_swappiness: toBytes,
  memswap_limit: toBytes,
  models: toNullMap,
  networks: toNullMap,
  ports: (v) => asList(v).flatMap((p) => normalizePortEntry(p)),
  post_start: hooks,
  pre_start: hooks,
  pre_stop: hooks,
  pull_policy: (v) => (untag(v) === "if_not_present" ? "missing" : plain(v)),
  scale: (v) => toNumber(v),
  secrets: (v) => fileReferences(v, { defaultTarget: true }),
  shm_size: toBytes,
  stop_grace_period: (v, ctx, key) => durationField(v, ctx, [key]),
  storage_opt: toStringMap,
  sysctls: toStringMap,
  tmpfs: toStringList,
  ulimits: (v) => ulimitsField(v),
  volumes: (v, ctx) => asList(v).map((entry) => normalizeVolumeEntry(entry, ctx.paths)),
};

/** Normalises one service (short → long syntax, defaults, env and label files folded), keys in compose's order. */
export function normalizeService(raw: RawMap, ctx: ServiceContext): ServiceConfig {
  return ordered<ServiceConfig>(serviceFields(raw, ctx), SERVICE_KEY_ORDER);
}

/**
 * The normalised fields of one service, not yet in compose's key order (a caller that adds fields
 * orders once, at the end, with `ordered(fields, SERVICE_KEY_ORDER)`). Undefined values are dropped then.
 */
export function serviceFields(raw: RawMap, ctx: ServiceContext): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const value = untag(raw[key]);
    if (value === undefined) continue;
    if (value === null && key !== "networks") continue;
    const normalizer = FIELDS[key];
    if (normalizer === undefined) {
      fields[key] = plain(value);
      continue;
    }
    try {
      fields[key] = normalizer(value, ctx, key);
    } catch (error: unknown) {
      ctx.issues.add([...ctx.path, key], error instanceof Error ? error.message : String(error));
      fields[key] = undefined;
    }
  }
  if (ctx.foldEnvFiles) foldEnvironment(fields, ctx);
  if (ctx.foldLabelFiles) foldLabels(fields, ctx);
  applyScale(fields, ctx);
  return fields;
}

function foldEnvironment(fields: Record<string, unknown>, ctx: ServiceContext): void {
  const files = fields.env_file as ReturnType<typeof envFileEntries> | undefined;
  if (!files || files.length === 0) return;
  const environment = (fields.environment as Record<string, string | null> | undefined) ?? {};
  const folded = foldEnvFiles(environment, files, {
    host: ctx.host,
    lookup: ctx.lookup,
    workingDir: ctx.workingDir,
    issues: ctx.issues,
    path: [...ctx.path, "env_file"],
  });
  if (Object.keys(folded).length > 0) fields.environment = folded;
}

function foldLabels(fields: Record<string, unknown>, ctx: ServiceContext): void {
  const files = fields.label_file as string[] | undefined;
  if (!files || files.length === 0) return;
  const labels = (fields.labels as Record<string, string> | undefined) ?? {};
  const folded = foldLabelFiles(labels, files, {
    host: ctx.host,
    workingDir: ctx.workingDir,
    issues: ctx.issues,
    path: [...ctx.path, "label_file"],
  });
  if (Object.keys(folded).length > 0) fields.labels = folded;
}

function applyScale(fields: Record<string, unknown>, ctx: ServiceContext): void {
  const scale = fields.scale as number | undefined;
  const deploy = fields.deploy as Record<string, unknown> | undefined;
  if (scale === undefined || deploy === undefined) return;
  if (deploy.replicas !== undefined && deploy.replicas !== scale) {
    ctx.issues.add([...ctx.path], "can't set distinct values on 'scale' and 'deploy.replicas'");
    return;
  }
  deploy.replicas = scale;
}
