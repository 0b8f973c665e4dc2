import type { EnginePort } from "../app/containers/engine-port.js";
import { BerthError } from "../shared/errors.js";
import type { CliContext } from "./cli-context.js";

/** Starts an engine for `socketPath` (detached) and resolves once `/_ping` answers. */
export type AutoStart = (context: CliContext, socketPath: string) => Promise<void>;

/**
 * The one way the container and image commands reach the engine: BERTH_HOST's socket, pinged;
 * when it does not answer, an engine is started (unless the context turns that off), else a clear error.
 * The client (node:http, the API schemas) and the auto-start (child processes) load here, on first use,
 * so commands that never reach the engine (`config`, `--help`) do not load them.
 */
export async function engineClient(context: CliContext, autoStart?: AutoStart): Promise<EnginePort> {
  const { engineSocketPath, openEngineClient } = await import("../app/containers/engine-port.js");
  const socketPath = engineSocketPath(context.env);
  const client = openEngineClient(socketPath);
  if (await client.ping()) return client;
  if (context.engineAutoStart !== false) {
    const start = autoStart ?? (await import("./engine-autostart.js")).autoStartEngine;
    await start(context, socketPath);
    return client;
  }
  throw new BerthError(
    "ENGINE_UNAVAILABLE",
    `cannot reach the berth engine at unix://${socketPath}: start it with \`berth engine\``,
  );
}
