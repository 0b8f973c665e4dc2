import { type EnginePort, engineSocketPath, openEngineClient } from "../app/containers/engine-port.js";
import { BerthError } from "../shared/errors.js";
import type { CliContext } from "./cli-context.js";
import { autoStartEngine } from "./engine-autostart.js";

/** Starts an engine for `socketPath` (detached) and resolves once `/_ping` answers. */
export type AutoStart = (context: CliContext, socketPath: string) => Promise<void>;

/**
 * The one way the container and image commands reach the engine: BERTH_HOST's socket, pinged;
 * when it does not answer, an engine is started (unless the context turns that off), else a clear error.
 */
export async function engineClient(
  context: CliContext,
  autoStart: AutoStart = autoStartEngine,
): Promise<EnginePort> {
  const socketPath = engineSocketPath(context.env);
  const client = openEngineClient(socketPath);
  if (await client.ping()) return client;
  if (context.engineAutoStart !== false) {
    await autoStart(context, socketPath);
    return client;
  }
  throw new BerthError(
    "ENGINE_UNAVAILABLE",
    `cannot reach the berth engine at unix://${socketPath}: start it with \`berth engine\``,
  );
}
