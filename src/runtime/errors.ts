import { BerthError, type BerthErrorOptions } from "../shared/errors.js";

/** A lifecycle transition that the state machine forbids (e.g. pause an exited container). */
export class StateTransitionError extends BerthError {
  readonly from: string;
  readonly to: string;

  constructor(from: string, to: string, options: BerthErrorOptions = {}) {
    super("STATE_TRANSITION", `cannot go from ${from} to ${to}`, {
      ...options,
      details: { from, to, ...options.details },
    });
    this.from = from;
    this.to = to;
  }
}

/** A host command (runc, mount, …) failed; carries the argv, exit code and the end of stderr. */
export class RuntimeCommandError extends BerthError {
  readonly argv: readonly string[];
  readonly exitCode: number;
  readonly stderrTail: string;

  constructor(argv: readonly string[], exitCode: number, stderr: string) {
    const tail = stderr.trim().slice(-2000);
    super("RUNTIME_COMMAND", `${argv.slice(0, 3).join(" ")} … failed (${exitCode}): ${tail}`, {
      details: { argv: [...argv], exitCode },
    });
    this.argv = [...argv];
    this.exitCode = exitCode;
    this.stderrTail = tail;
  }
}

/** A container id that this runtime instance does not know. */
export class ContainerNotFoundError extends BerthError {
  readonly id: string;

  constructor(id: string) {
    super("NOT_FOUND", `no such container: ${id}`, { details: { id } });
    this.id = id;
  }
}
