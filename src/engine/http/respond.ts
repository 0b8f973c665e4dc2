import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { API_VERSION, ERROR_CODE_HEADER } from "../../api/index.js";
import { errorAnswer } from "./status-map.js";

/** Headers every answer carries, as Docker's daemon sends them. */
export function baseHeaders(serverVersion: string): OutgoingHttpHeaders {
  return {
    "Api-Version": API_VERSION,
    "Docker-Experimental": "false",
    OSType: "linux",
    Server: `berth/${serverVersion} (linux)`,
  };
}

/** Sends a JSON body with a status (Docker ends JSON bodies with a newline). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Sends a status without a body (204, 304, 201 for tag). */
export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

/** Sends a thrown error as Docker's `{"message"}` body with the mapped status (or ends a started stream). */
export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const answer = errorAnswer(error);
  res.setHeader(ERROR_CODE_HEADER, answer.code);
  sendJson(res, answer.status, { message: answer.message });
}

/** Starts a chunked streaming answer and sends the headers at once (clients wait for them). */
export function startStream(res: ServerResponse, contentType: string): void {
  res.writeHead(200, { "Content-Type": contentType });
  res.flushHeaders();
}

/** Writes one chunk, waiting for the socket to drain when it is full; false when the client is gone. */
export async function writeChunk(res: ServerResponse, chunk: Uint8Array | string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk)) return true;
  return await new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      res.off("drain", onDrain);
      res.off("close", onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}

/** An AbortSignal that fires when the client goes away before the answer is complete. */
export function clientGone(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort(new Error("client disconnected"));
  });
  req.on("error", () => controller.abort(new Error("request failed")));
  return controller.signal;
}
