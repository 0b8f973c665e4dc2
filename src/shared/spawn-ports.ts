// The port for a child whose output streams while it runs (runc exec, the runtime's relay shell).

/** Options of one streamed run. */
export interface StreamRunOptions {
  /** Output bytes exactly as the child wrote them (binary-safe). */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Bytes for the child's stdin, closed when the iterable ends; without it stdin is closed at once. */
  stdin?: AsyncIterable<Uint8Array>;
  signal?: AbortSignal;
}

/** Runs a command with its output delivered as it comes; resolves with the exit code (128+n when signalled). */
export interface StreamingRunner {
  stream(argv: readonly string[], options?: StreamRunOptions): Promise<number>;
}
