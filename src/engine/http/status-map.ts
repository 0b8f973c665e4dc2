import { BerthError, type ErrorCode, errorMessage } from "../../shared/errors.js";

/** The one table from berth error codes to HTTP statuses (Docker's statuses for the same cases). */
export const statusByCode: Readonly<Partial<Record<ErrorCode, number>>> = {
  NOT_FOUND: 404,
  COMPOSE_NOT_FOUND: 404,
  CONFLICT: 409,
  STATE_TRANSITION: 409,
  USAGE: 400,
  INVALID_ARGUMENT: 400,
  COMPOSE_INVALID: 400,
  ENGINE_UNAVAILABLE: 503,
};

/** What the server answers for a thrown error. */
export interface ErrorAnswer {
  status: number;
  message: string;
  code: ErrorCode;
}

/** Maps anything thrown by a handler or the backend to a status, message and code (500 for the unknown). */
export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof BerthError) {
    return { status: statusByCode[error.code] ?? 500, message: error.message, code: error.code };
  }
  return { status: 500, message: errorMessage(error), code: "INTERNAL" };
}
