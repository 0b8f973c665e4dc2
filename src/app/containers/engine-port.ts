import {
  DEFAULT_BERTH_HOST,
  EngineClient,
  type EnsureEngineOptions,
  ensureEngine,
  parseBerthHost,
} from "../../client/index.js";

export { DEFAULT_BERTH_HOST, type EnsureEngineOptions, ensureEngine };

/** The engine as the container and image use cases see it: berth's typed API client. */
export type EnginePort = EngineClient;

/** The socket path BERTH_HOST names (`unix:///…`), or the default; a usage error for anything else. */
export function engineSocketPath(env: Readonly<Record<string, string | undefined>>): string {
  return parseBerthHost(env.BERTH_HOST).socketPath;
}

/** A client of the engine listening on `socketPath` (nothing is sent until a method is called). */
export function openEngineClient(socketPath: string): EnginePort {
  return new EngineClient(socketPath);
}
