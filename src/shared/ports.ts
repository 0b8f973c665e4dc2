/** Result of running one command to completion. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Options for one command run. */
export interface RunOptions {
  input?: string;
  cwd?: string;
  env?: Record<string, string>;
  signal?: AbortSignal;
}

/** Runs host commands; the only implementation that spawns lives in src/platform. */
export interface CommandRunner {
  run(argv: readonly string[], options?: RunOptions): Promise<CommandResult>;
}

/** Time source; everything that waits takes one so tests can drive time by hand. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
