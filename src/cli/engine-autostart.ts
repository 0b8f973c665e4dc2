import { resolve } from "node:path";
import { spawnDaemon } from "../platform/daemon-spawn.js";
import { readLog } from "../platform/log-file.js";
import { nodeClock } from "../platform/node-clock.js";
import { processStartTime } from "../platform/pid-lock.js";
import { BerthError } from "../shared/errors.js";
import type { CliContext } from "./cli-context.js";
import { engineLocation, locationArgs } from "./engine-location.js";
import { pingEngine } from "./engine-ping.js";

/** How long a freshly started engine may take to answer /_ping. */
const START_TIMEOUT_MS = 30_000;

/** The command that runs this CLI again (the same node and the same CLI bundle). */
function selfCommand(): string[] {
  const script = process.argv[1];
  if (script === undefined) throw new BerthError("ENGINE_UNAVAILABLE", "cannot tell which berth to start");
  return [process.execPath, resolve(script)];
}

/**
 * Starts an engine for `socketPath` when nothing answers there: `berth engine` detached (same node,
 * same CLI bundle; stdout/stderr to the engine log), waits for `/_ping`, and says so on stderr.
 */
export async function autoStartEngine(context: CliContext, socketPath: string): Promise<void> {
  if (await pingEngine(socketPath)) return;
  const paths = engineLocation({ socket: socketPath }, context.env);
  const env: Record<string, string | undefined> = { ...context.env };
  const pid = spawnDaemon({
    argv: [...selfCommand(), "engine", ...locationArgs(paths)],
    logFile: paths.logFile,
    env,
  });
  const clock = nodeClock();
  const deadline = clock.now() + START_TIMEOUT_MS;
  while (!(await pingEngine(socketPath, 500))) {
    if ((await processStartTime(pid)) === undefined) {
      const tail = (readLog(paths.logFile) ?? "").trimEnd().split("\n").slice(-5).join("\n");
      throw new BerthError(
        "ENGINE_UNAVAILABLE",
        `the berth engine (pid ${pid}) exited at once; ${paths.logFile} says:\n${tail}`,
      );
    }
    if (clock.now() > deadline) {
      throw new BerthError(
        "ENGINE_UNAVAILABLE",
        `started the berth engine (pid ${pid}) but it did not answer on ${socketPath} within ${START_TIMEOUT_MS / 1000} s; see ${paths.logFile}`,
      );
    }
    await clock.sleep(50);
  }
  context.stderr(`berth: started the engine (pid ${pid}, log ${paths.logFile})\n`);
}
