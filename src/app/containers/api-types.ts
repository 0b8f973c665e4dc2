import type { EngineClient } from "../../client/index.js";

// The wire types as the typed client's signatures carry them (app and cli reach the API only
// through the client, by the import rules of DESIGN.md).
type Result<K extends keyof EngineClient> = EngineClient[K] extends (...args: never[]) => infer R
  ? Awaited<R>
  : never;
type Yielded<K extends keyof EngineClient> = EngineClient[K] extends (
  ...args: never[]
) => AsyncGenerator<infer T>
  ? T
  : never;

/** POST /containers/create body. */
export type ContainerCreateBody = Parameters<EngineClient["createContainer"]>[0];
/** HostConfig of a create body. */
export type HostConfig = NonNullable<ContainerCreateBody["HostConfig"]>;
/** A health check (durations in nanoseconds). */
export type HealthConfig = NonNullable<ContainerCreateBody["Healthcheck"]>;
/** One entry of HostConfig.Mounts. */
export type MountSpec = NonNullable<HostConfig["Mounts"]>[number];
/** One entry of HostConfig.Ulimits. */
export type Ulimit = NonNullable<HostConfig["Ulimits"]>[number];
/** GET /containers/{id}/json. */
export type ContainerInspect = Result<"inspectContainer">;
/** One entry of GET /containers/json. */
export type ContainerSummary = Result<"listContainers">[number];
/** GET /containers/{id}/top. */
export type ContainerTopResponse = Result<"topContainer">;
/** POST /containers/{id}/exec body. */
export type ExecCreateBody = Parameters<EngineClient["createExec"]>[1];
/** List filters (`label`, `status`, …). */
export type Filters = NonNullable<NonNullable<Parameters<EngineClient["listContainers"]>[0]>["filters"]>;
/** One entry of GET /images/json. */
export type ImageSummary = Result<"listImages">[number];
/** GET /images/{name}/json. */
export type ImageInspect = Result<"inspectImage">;
/** One line of an image removal. */
export type ImageDeleteItem = Result<"removeImage">[number];
/** POST /images/prune answer. */
export type ImagePruneResponse = Result<"pruneImages">;
/** A piece of container output on stdout or stderr. */
export type OutputChunk = Yielded<"containerLogs">;
