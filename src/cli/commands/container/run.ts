import type { Command } from "commander";
import {
  createContainer,
  RunFailure,
  runContainer,
  type SignalSource,
} from "../../../app/containers/run-container.js";
import { UsageError } from "../../../shared/errors.js";
import type { CliContext } from "../../cli-context.js";
import { ExitStatus } from "../../command-exit.js";
import { engineClient } from "../../engine-connection.js";
import { writeChunk } from "../../engine-io.js";
import { createBody, type RunHost } from "./run-body.js";
import { addRunOptions, type RunFlags } from "./run-options.js";

function runHost(context: CliContext): RunHost {
  return {
    lookupEnv: (key) => context.env[key],
    readTextFile: (path) => context.readTextFile(path.startsWith("/") ? path : `${context.cwd}/${path}`),
  };
}

function refuseInteractive(flags: RunFlags): void {
  if (flags.interactive || flags.tty) {
    throw new UsageError(
      "-i and -t are not supported: berth has no way to a container's stdin (conmon's attach socket is SOCK_SEQPACKET, which Node cannot open); use -d, or run without -i/-t",
    );
  }
}

// The signals `docker run` proxies to a foreground container (all it can catch, but these are what a
// user sends; SIGCHLD, SIGPIPE and SIGWINCH concern the CLI itself).
const PROXIED: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];

/** While subscribed, this process's signals go to the container instead of ending the CLI. */
function processSignals(): SignalSource {
  return (forward) => {
    const on = (signal: NodeJS.Signals) => forward(signal);
    for (const signal of PROXIED) process.on(signal, on);
    return () => {
      for (const signal of PROXIED) process.off(signal, on);
    };
  };
}

// Docker's statuses for a failed `run`: 125 when the engine fails, 126 when the command cannot be
// invoked, 127 when it is not found.
function runFailureStatus(failure: RunFailure): number {
  if (failure.phase !== "start") return 125;
  const text = failure.message;
  if (/executable file not found|no such file or directory|not found in \$PATH/i.test(text)) return 127;
  if (/permission denied|cannot execute|is a directory/i.test(text)) return 126;
  return 125;
}

/** Adds `run IMAGE [COMMAND] [ARG...]`: create, and start; without -d attach first, forward signals, exit with its code. */
export function addRunCommand(parent: Command, context: CliContext): void {
  const command = parent
    .command("run")
    .description("Create and run a new container from an image")
    .argument("<image>", "the image to run")
    .argument("[command...]", "the command and its arguments")
    .passThroughOptions();
  addRunOptions(command, { detachFlags: true }).action(
    async (image: string, args: string[], flags: RunFlags) => {
      try {
        refuseInteractive(flags);
        const body = createBody(flags, image, args, runHost(context));
        const port = await engineClient(context);
        const request = {
          body,
          detach: flags.detach === true,
          remove: flags.rm === true,
          signals: processSignals(),
          ...(flags.name !== undefined ? { name: flags.name } : {}),
        };
        const result = await runContainer(port, request, (chunk) => void writeChunk(context, chunk));
        for (const warning of result.warnings) context.stderr(`WARNING: ${warning}\n`);
        if (flags.detach) {
          context.stdout(`${result.id}\n`);
          return;
        }
        if (result.exitCode !== undefined && result.exitCode !== 0) throw new ExitStatus(result.exitCode);
      } catch (error: unknown) {
        if (error instanceof ExitStatus) throw error;
        if (error instanceof RunFailure) throw new ExitStatus(runFailureStatus(error), error.reason);
        throw new ExitStatus(125, error);
      }
    },
  );
}

/** Adds `create IMAGE [COMMAND] [ARG...]`: prints the new container's id. */
export function addCreateCommand(parent: Command, context: CliContext): void {
  const command = parent
    .command("create")
    .description("Create a new container")
    .argument("<image>", "the image to create the container from")
    .argument("[command...]", "the command and its arguments")
    .passThroughOptions();
  addRunOptions(command, { detachFlags: false }).action(
    async (image: string, args: string[], flags: RunFlags) => {
      try {
        refuseInteractive(flags);
        const body = createBody(flags, image, args, runHost(context));
        if (flags.rm) body.HostConfig = { ...body.HostConfig, AutoRemove: true };
        const port = await engineClient(context);
        const name = flags.name !== undefined ? { name: flags.name } : {};
        const created = await createContainer(port, { body, ...name });
        for (const warning of created.warnings) context.stderr(`WARNING: ${warning}\n`);
        context.stdout(`${created.id}\n`);
      } catch (error: unknown) {
        throw new ExitStatus(125, error);
      }
    },
  );
}
