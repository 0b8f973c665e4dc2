/** Stable error codes: one table in the CLI maps them to exit statuses and hints. */
export type ErrorCode =
  | "COMPOSE_INVALID"
  | "COMPOSE_NOT_FOUND"
  | "DEPENDENCY_CYCLE"
  | "USAGE"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_ARGUMENT"
  | "STATE_TRANSITION"
  | "RUNTIME_COMMAND"
  | "ENGINE_UNAVAILABLE"
  | "GATE_TIMEOUT"
  | "PLAN_EXECUTION"
  | "INTERNAL";

/** Options shared by every berth error. */
export interface BerthErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** Base class of every error berth raises on purpose; `code` is stable across releases. */
export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: BerthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
  }
}

/** A named thing (file, container, image, …) does not exist. */
export class NotFoundError extends BerthError {
  constructor(message: string, options: BerthErrorOptions = {}) {
    super("NOT_FOUND", message, options);
  }
}

/** Bad command-line usage; names the argument. */
export class UsageError extends BerthError {
  constructor(message: string, options: BerthErrorOptions = {}) {
    super("USAGE", message, options);
  }
}

/** Turns anything thrown into a message fit for one line. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
