/**
 * Ends a command with a given exit status (a container's exit code, Docker's 125 for a failed run).
 * `reason`, when given, is rendered on stderr like any other error first.
 */
export class ExitStatus extends Error {
  constructor(
    readonly status: number,
    readonly reason?: unknown,
  ) {
    super(`exit status ${status}`);
    this.name = "ExitStatus";
  }
}
