import { type EnginePort, engineSocketPath, openEngineClient } from "../app/containers/engine-port.js";
import { BerthError } from "../shared/errors.js";
import type { CliContext } from "./cli-context.js";

/**
 * What src/cli/engine-autostart.ts may export to start an engine when none answers: it starts one
 * (detached) for `socketPath` and resolves once `/_ping` answers, or throws saying why not.
 */
export type AutoStart = (context: CliContext, socketPath: string) => Promise<void>;

// The auto-start module is written separately; it is looked up at run time so this file works
// with and without it (a missing module means "no auto-start").
const autoStartModule = "./engine-autostart.js";

async function findAutoStart(): Promise<AutoStart | undefined> {
  let loaded: unknown;
  try {
    loaded = await import(autoStartModule);
  } catch (error: unknown) {
    const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
    const text = error instanceof Error ? error.message : String(error);
    if (code === "ERR_MODULE_NOT_FOUND" || /Cannot find module|Failed to load url/.test(text))
      return undefined;
    throw error;
  }
  if (typeof loaded !== "object" || loaded === null || !("autoStartEngine" in loaded)) return undefined;
  const candidate = loaded.autoStartEngine;
  return typeof candidate === "function" ? (candidate as AutoStart) : undefined;
}

/**
 * The one way the container and image commands reach the engine: BERTH_HOST's socket, pinged;
 * when it does not answer, the auto-start (if there is one) starts an engine, else a clear error.
 */
export async function engineClient(context: CliContext): Promise<EnginePort> {
  const socketPath = engineSocketPath(context.env);
  const client = openEngineClient(socketPath);
  if (await client.ping()) return client;
  const autoStart = await findAutoStart();
  if (autoStart !== undefined) {
    await autoStart(context, socketPath);
    return client;
  }
  throw new BerthError(
    "ENGINE_UNAVAILABLE",
    `cannot reach the berth engine at unix://${socketPath}: start it with \`berth engine\``,
  );
}
