import { type IncomingMessage, request } from "node:http";
import { Readable } from "node:stream";
import { ERROR_CODE_HEADER, type QueryValue, toQueryString } from "../api/index.js";
import { BerthError, type ErrorCode } from "../shared/errors.js";

/** One API call. */
export interface CallOptions {
  method: "GET" | "HEAD" | "POST" | "DELETE";
  path: string;
  query?: Record<string, QueryValue>;
  /** A JSON body, or a byte stream (tar archives). */
  json?: unknown;
  stream?: AsyncIterable<Uint8Array>;
  contentType?: string;
  signal?: AbortSignal;
}

const codesByStatus: Record<number, ErrorCode> = {
  400: "INVALID_ARGUMENT",
  404: "NOT_FOUND",
  409: "CONFLICT",
  503: "ENGINE_UNAVAILABLE",
};

const knownCodes = new Set<string>([
  "COMPOSE_INVALID",
  "COMPOSE_NOT_FOUND",
  "DEPENDENCY_CYCLE",
  "USAGE",
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_ARGUMENT",
  "STATE_TRANSITION",
  "RUNTIME_COMMAND",
  "ENGINE_UNAVAILABLE",
  "GATE_TIMEOUT",
  "PLAN_EXECUTION",
  "INTERNAL",
]);

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && knownCodes.has(value);
}

/** Reads a whole response body. */
export async function readAll(res: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Turns an error answer into a BerthError: the code from berth's header, else from the status. */
export async function errorFromResponse(res: IncomingMessage): Promise<BerthError> {
  const text = (await readAll(res)).toString("utf8");
  let message = text.trim() || `engine answered ${res.statusCode ?? 0}`;
  try {
    const parsed: unknown = JSON.parse(text);
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "message" in parsed &&
      typeof parsed.message === "string"
    ) {
      message = parsed.message;
    }
  } catch {
    // not JSON: keep the text
  }
  const header = res.headers[ERROR_CODE_HEADER];
  const code = isErrorCode(header) ? header : (codesByStatus[res.statusCode ?? 0] ?? "INTERNAL");
  return new BerthError(code, message, { details: { status: res.statusCode } });
}

/** The engine did not answer on its socket. */
export function unavailable(socketPath: string, cause: unknown): BerthError {
  return new BerthError("ENGINE_UNAVAILABLE", `cannot reach the berth engine at unix://${socketPath}`, {
    cause,
  });
}

/** Sends one request over the unix socket and resolves with the response head (body unread). */
export function call(socketPath: string, options: CallOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    let body: Buffer | undefined;
    if (options.json !== undefined) {
      body = Buffer.from(JSON.stringify(options.json));
      headers["Content-Type"] = "application/json";
      headers["Content-Length"] = String(body.length);
    } else if (options.stream !== undefined) {
      headers["Content-Type"] = options.contentType ?? "application/x-tar";
    }
    const req = request({
      socketPath,
      method: options.method,
      path: `${options.path}${toQueryString(options.query ?? {})}`,
      headers,
      signal: options.signal,
    });
    req.once("response", resolve);
    req.once("error", (error: Error & { code?: string }) =>
      reject(
        error.code === "ENOENT" || error.code === "ECONNREFUSED" ? unavailable(socketPath, error) : error,
      ),
    );
    if (options.stream !== undefined) {
      Readable.from(options.stream)
        .once("error", (error) => req.destroy(error))
        .pipe(req);
    } else {
      req.end(body);
    }
  });
}

/** Sends a request and fails on any status outside 2xx/304 with the matching BerthError. */
export async function callOk(socketPath: string, options: CallOptions): Promise<IncomingMessage> {
  const res = await call(socketPath, options);
  const status = res.statusCode ?? 0;
  if ((status >= 200 && status < 300) || status === 304) return res;
  throw await errorFromResponse(res);
}

/** Sends a request and parses the JSON answer. */
export async function callJson(socketPath: string, options: CallOptions): Promise<unknown> {
  const res = await callOk(socketPath, options);
  const text = (await readAll(res)).toString("utf8");
  return text.trim() === "" ? undefined : JSON.parse(text);
}
