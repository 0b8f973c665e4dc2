import type { Command } from "commander";
import type { ExecCreateBody } from "../../../app/containers/api-types.js";
import { execInContainer } from "../../../app/containers/exec-container.js";
import { UsageError } from "../../../shared/errors.js";
import type { CliContext } from "../../cli-context.js";
import { ExitStatus } from "../../command-exit.js";
import { engineClient } from "../../engine-connection.js";
import { clockOf, stdinOf, writeChunk } from "../../engine-io.js";
import { collect } from "../../global-options.js";
import { envEntry, parseEnvFile } from "./run-parsers.js";

interface ExecFlags {
  detach?: boolean;
  interactive?: boolean;
  tty?: boolean;
  env: string[];
  envFile: string[];
  user?: string;
  workdir?: string;
  privileged?: boolean;
}

function execEnv(flags: ExecFlags, context: CliContext): string[] {
  const lookup = (key: string) => context.env[key];
  const env: string[] = [];
  for (const file of flags.envFile) {
    const text = context.readTextFile(file.startsWith("/") ? file : `${context.cwd}/${file}`);
    if (text === undefined) throw new UsageError(`--env-file ${file}: no such file`);
    env.push(...parseEnvFile(text, { file, flag: "--env-file", lookup }));
  }
  for (const value of flags.env) {
    const entry = envEntry(value, lookup);
    if (entry !== undefined) env.push(entry);
  }
  return env;
}

/** Adds `exec CONTAINER COMMAND [ARG...]`: exits with the command's exit code; -i pipes stdin. */
export function addExecCommand(parent: Command, context: CliContext): void {
  parent
    .command("exec")
    .description("Execute a command in a running container")
    .argument("<container>", "the container (name or id)")
    .argument("<command...>", "the command and its arguments")
    .passThroughOptions()
    .option("-d, --detach", "detached mode: run command in the background")
    .option("-i, --interactive", "keep STDIN open (piped to the command)")
    .option("-t, --tty", "allocate a pseudo-TTY (not supported yet)")
    .option("-e, --env <KEY=VALUE>", "set environment variables (repeatable)", collect, [])
    .option("--env-file <file>", "read in a file of environment variables (repeatable)", collect, [])
    .option("-u, --user <user>", "username or UID (format: <name|uid>[:<group|gid>])")
    .option("-w, --workdir <dir>", "working directory inside the container")
    .option("--privileged", "give extended privileges to the command")
    .action(async (container: string, argv: string[], flags: ExecFlags) => {
      if (flags.tty) throw new UsageError("exec -t (a pseudo-TTY) is not supported yet: use -i alone");
      const body: ExecCreateBody = { Cmd: argv };
      const env = execEnv(flags, context);
      if (env.length > 0) body.Env = env;
      if (flags.user !== undefined) body.User = flags.user;
      if (flags.workdir !== undefined) body.WorkingDir = flags.workdir;
      if (flags.privileged) body.Privileged = true;
      const port = await engineClient(context);
      const code = await execInContainer(
        port,
        {
          container,
          body,
          detach: flags.detach === true,
          ...(flags.interactive && !flags.detach ? { stdin: stdinOf(context) } : {}),
        },
        { output: (chunk) => void writeChunk(context, chunk), clock: clockOf(context) },
      );
      if (code !== undefined && code !== 0) throw new ExitStatus(code);
    });
}
