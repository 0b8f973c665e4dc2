// Ports for processes that outlive a single request/response: a detached child with two extra pipes
// (conmon's sync and start pipes) and a child whose output streams while it runs (runc exec).

/** What to spawn detached: argv, working directory, full environment, and a file for fds 1 and 2. */
export interface DetachedSpawnRequest {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string>>;
  /** File that receives the child's stdout and stderr (appended); its own pipes would break when we exit. */
  outputFile: string;
}

/** A detached child with fd 3 (it writes, we read) and fd 4 (we write, it reads) as pipes. */
export interface DetachedChild {
  readonly pid: number;
  /** Writes bytes to the child's fd 4. */
  writeFd4(data: string): Promise<void>;
  /** Reads from the child's fd 3 until `done` says the text so far is complete, or EOF / abort. */
  readFd3(done: (text: string) => boolean, signal?: AbortSignal): Promise<string>;
  /** Closes our ends of the pipes and lets this process exit without waiting for the child. */
  release(): void;
}

/** Spawns processes that survive their parent (own session, no inherited stdio). */
export interface DetachedSpawner {
  spawn(request: DetachedSpawnRequest): Promise<DetachedChild>;
}

/** Options of one streamed run. */
export interface StreamRunOptions {
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** Bytes for the child's stdin, closed when the iterable ends; without it stdin is closed at once. */
  stdin?: AsyncIterable<Uint8Array>;
  signal?: AbortSignal;
}

/** Runs a command with its output delivered as it comes; resolves with the exit code (128+n when signalled). */
export interface StreamingRunner {
  stream(argv: readonly string[], options?: StreamRunOptions): Promise<number>;
}
