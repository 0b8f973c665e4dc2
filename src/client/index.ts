/** berth's typed client of the engine API over its unix socket. */
export { DEFAULT_BERTH_HOST, parseBerthHost } from "./berth-host.js";
export { EngineClient, type LogsOptions } from "./engine-client.js";
export { type EnsureEngineOptions, ensureEngine } from "./ensure-engine.js";
export { demultiplex } from "./streams.js";
