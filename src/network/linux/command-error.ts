import { BerthError } from "../../shared/errors.js";

/** A host command of the network layer (ip, nft) failed; carries the argv, exit code and end of stderr. */
export class NetworkCommandError extends BerthError {
  readonly argv: readonly string[];
  readonly exitCode: number;
  readonly stderrTail: string;

  constructor(options: { argv: readonly string[]; exitCode: number; stderr: string; input?: string }) {
    const tail = options.stderr.trim().slice(-2000);
    super("RUNTIME_COMMAND", `${options.argv.join(" ")} failed (${options.exitCode}): ${tail}`, {
      details: {
        argv: [...options.argv],
        exitCode: options.exitCode,
        ...(options.input === undefined ? {} : { input: options.input }),
      },
    });
    this.argv = [...options.argv];
    this.exitCode = options.exitCode;
    this.stderrTail = tail;
  }
}
