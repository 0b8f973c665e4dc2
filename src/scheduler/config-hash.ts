import { createHash } from "node:crypto";
import type { ServiceConfig } from "../compose/types.js";

// What Docker Compose leaves out of `com.docker.compose.config-hash`, so that changing it never
// recreates a container: how the image is made or pulled, how many replicas run, the start order,
// profile membership, and extensions (which compose's JSON form of a service omits). `env_file` and
// `label_file` are left out too: the loader has folded them into `environment` and `labels`, which
// are hashed (docker compose's `up` drops env_file once resolved, the same way), so editing a file's
// values changes the hash and renaming it does not.
const ignoredKeys = new Set([
  "build",
  "pull_policy",
  "scale",
  "depends_on",
  "profiles",
  "name",
  "env_file",
  "label_file",
]);

/** SHA-256 (hex) of the service's canonical JSON without the fields that must not cause recreation. */
export function serviceConfigHash(service: ServiceConfig): string {
  return createHash("sha256")
    .update(canonicalJson(hashedView(service)))
    .digest("hex");
}

function hashedView(service: ServiceConfig): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(service)) {
    if (ignoredKeys.has(key) || key.startsWith("x-")) continue;
    if (key === "deploy" && isRecord(value)) {
      const { replicas: _replicas, ...rest } = value;
      view[key] = rest;
      continue;
    }
    view[key] = value;
  }
  return view;
}

/** JSON with object keys sorted at every level and undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
