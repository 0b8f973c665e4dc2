import { execa } from "execa";
import type { CommandResult, CommandRunner, RunOptions } from "../shared/ports.js";

/** Runs host commands with execa; never throws for a non-zero exit (the caller reads `exitCode`). */
export function execaRunner(): CommandRunner {
  return {
    async run(argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
      const [file, ...args] = argv;
      if (file === undefined) throw new Error("execaRunner: empty argv");
      const result = await execa(file, args, {
        reject: false,
        stripFinalNewline: false,
        ...(options.input === undefined ? { stdin: "ignore" as const } : { input: options.input }),
        ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
        ...(options.env === undefined ? {} : { env: options.env, extendEnv: false }),
        ...(options.signal === undefined ? {} : { cancelSignal: options.signal }),
      });
      if (result.failed && result.exitCode === undefined) {
        throw new Error(`cannot run ${file}: ${result.shortMessage}`, { cause: result.cause });
      }
      return {
        exitCode: result.exitCode ?? 1,
        stdout: typeof result.stdout === "string" ? result.stdout : "",
        stderr: typeof result.stderr === "string" ? result.stderr : "",
      };
    },
  };
}
