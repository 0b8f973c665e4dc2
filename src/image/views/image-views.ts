import { readContainerConfig } from "../config/container-config.js";
import { parseReference } from "../reference.js";
import type { ImageRecord } from "../store/image-store.js";

/** Sizes a view cannot know from the record alone (default: config plus compressed layer sizes). */
export interface ViewOptions {
  size?: number;
}

/** `busybox:latest` for each name of the record, sorted. */
export function repoTags(record: Pick<ImageRecord, "names">): string[] {
  return record.names.map((name) => parseReference(name).familiarName()).sort();
}

/** `busybox@sha256:…` (the manifest digest) for each repository the record is named in, sorted. */
export function repoDigests(record: Pick<ImageRecord, "names" | "manifestDigest">): string[] {
  const repos = new Set(record.names.map((name) => parseReference(name).familiarRepository()));
  return [...repos].sort().map((repo) => `${repo}@${record.manifestDigest}`);
}

/** Size as `list()` counts it: config plus compressed layers. */
export function recordSize(record: Pick<ImageRecord, "manifest">): number {
  return record.manifest.config.size + record.manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
}

/** An RFC 3339 time as unix seconds (0 when absent or malformed). */
export function unixSeconds(time: string | undefined): number {
  const ms = time === undefined ? Number.NaN : Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function text(raw: Record<string, unknown>, key: string): string {
  const value = raw[key];
  return typeof value === "string" ? value : "";
}

/** The `Config` block of an image inspect: the always-present keys first, the rest only when set. */
export function configView(record: Pick<ImageRecord, "config">): Record<string, unknown> {
  const c = readContainerConfig(record.config.raw);
  return {
    User: c.User ?? "",
    ...(c.ExposedPorts ? { ExposedPorts: c.ExposedPorts } : {}),
    Env: c.Env ?? null,
    Cmd: c.Cmd ?? null,
    ...(c.Healthcheck ? { Healthcheck: c.Healthcheck } : {}),
    ...(c.ArgsEscaped ? { ArgsEscaped: true } : {}),
    Volumes: c.Volumes ?? null,
    WorkingDir: c.WorkingDir ?? "",
    Entrypoint: c.Entrypoint ?? null,
    OnBuild: c.OnBuild ?? null,
    Labels: c.Labels ?? null,
    ...(c.StopSignal ? { StopSignal: c.StopSignal } : {}),
    ...(c.Shell ? { Shell: c.Shell } : {}),
  };
}

/** `GET /images/{name}/json`: Docker's image inspect shape. */
export function imageInspectView(record: ImageRecord, options: ViewOptions = {}): Record<string, unknown> {
  const raw = record.config.raw;
  const variant = text(raw, "variant");
  return {
    Id: record.id,
    RepoTags: repoTags(record),
    RepoDigests: repoDigests(record),
    Parent: "",
    Comment: text(raw, "comment"),
    Created: record.config.created ?? "",
    DockerVersion: text(raw, "docker_version"),
    Author: text(raw, "author"),
    Config: configView(record),
    Architecture: record.config.architecture,
    ...(variant ? { Variant: variant } : {}),
    Os: record.config.os,
    Size: options.size ?? recordSize(record),
    RootFS: { Type: "layers", Layers: [...record.config.diffIds] },
    Metadata: { LastTagTime: "0001-01-01T00:00:00Z" },
  };
}

/** `GET /images/json`: one image in Docker's list shape. */
export function imageSummaryView(record: ImageRecord, options: ViewOptions = {}): Record<string, unknown> {
  return {
    Id: record.id,
    ParentId: "",
    RepoTags: repoTags(record),
    RepoDigests: repoDigests(record),
    Created: unixSeconds(record.config.created),
    Size: options.size ?? recordSize(record),
    SharedSize: -1,
    Labels: readContainerConfig(record.config.raw).Labels ?? {},
    Containers: -1,
  };
}
