import type { Command } from "commander";
import type { CliContext } from "../../cli-context.js";
import { addEachCommand } from "./each.js";
import { parseInteger } from "./run-parsers.js";

interface StopFlags {
  time?: string;
  signal?: string;
}

function stopOptions(flags: StopFlags): { t?: number; signal?: string } {
  return {
    ...(flags.time !== undefined ? { t: parseInteger(flags.time, "-t, --time") } : {}),
    ...(flags.signal !== undefined ? { signal: flags.signal } : {}),
  };
}

function withStopFlags(command: Command): Command {
  return command
    .option("-t, --time <seconds>", "seconds to wait before killing the container")
    .option("-s, --signal <signal>", "signal to send to the container");
}

/** Adds start, stop, restart, kill, rm, pause, unpause and wait. */
export function addLifecycleCommands(parent: Command, context: CliContext): void {
  addEachCommand(parent, context, {
    name: "start",
    description: "Start one or more stopped containers",
    operation: async (port, id) => {
      await port.startContainer(id);
      return id;
    },
  });
  addEachCommand<StopFlags>(parent, context, {
    name: "stop",
    description: "Stop one or more running containers",
    options: withStopFlags,
    operation: async (port, id, flags) => {
      await port.stopContainer(id, stopOptions(flags));
      return id;
    },
  });
  addEachCommand<StopFlags>(parent, context, {
    name: "restart",
    description: "Restart one or more containers",
    options: withStopFlags,
    operation: async (port, id, flags) => {
      await port.restartContainer(id, stopOptions(flags));
      return id;
    },
  });
  addEachCommand<{ signal?: string }>(parent, context, {
    name: "kill",
    description: "Kill one or more running containers",
    options: (c) => c.option("-s, --signal <signal>", "signal to send to the container (default KILL)"),
    operation: async (port, id, flags) => {
      await port.killContainer(id, flags.signal !== undefined ? { signal: flags.signal } : {});
      return id;
    },
  });
  addEachCommand<{ force?: boolean; volumes?: boolean }>(parent, context, {
    name: "rm",
    description: "Remove one or more containers",
    options: (c) =>
      c
        .option("-f, --force", "force the removal of a running container (uses SIGKILL)")
        .option("-v, --volumes", "remove anonymous volumes associated with the container"),
    operation: async (port, id, flags) => {
      await port.removeContainer(id, { force: flags.force === true, v: flags.volumes === true });
      return id;
    },
  });
  addEachCommand(parent, context, {
    name: "pause",
    description: "Pause all processes within one or more containers",
    operation: async (port, id) => {
      await port.pauseContainer(id);
      return id;
    },
  });
  addEachCommand(parent, context, {
    name: "unpause",
    description: "Unpause all processes within one or more containers",
    operation: async (port, id) => {
      await port.unpauseContainer(id);
      return id;
    },
  });
  addEachCommand(parent, context, {
    name: "wait",
    description: "Block until one or more containers stop, then print their exit codes",
    operation: async (port, id) => String((await port.waitContainer(id)).StatusCode),
  });
}
