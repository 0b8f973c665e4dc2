/** The wire contract of berth's engine: Docker-Engine-API-shaped schemas, queries and stream framing. */
export * from "./container-config.js";
export * from "./container-inspect.js";
export * from "./container-ops.js";
export * from "./container-summary.js";
export * from "./error-response.js";
export * from "./exec.js";
export * from "./image.js";
export * from "./network.js";
export * from "./query.js";
export * from "./stream-framing.js";
export * from "./system.js";
export * from "./version.js";
export * from "./volume.js";
