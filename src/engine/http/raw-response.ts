import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { ERROR_CODE_HEADER } from "../../api/index.js";
import { errorAnswer } from "./status-map.js";

/** A complete HTTP error answer as bytes, for sockets taken over from node:http (upgrade requests). */
export function rawErrorResponse(error: unknown, headers: Record<string, string>): string {
  const answer = errorAnswer(error);
  const body = `${JSON.stringify({ message: answer.message })}\n`;
  return [
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? "Error"}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    `${ERROR_CODE_HEADER}: ${answer.code}`,
    ...Object.entries(headers).map(([key, value]) => `${key}: ${value}`),
    "",
    body,
  ].join("\r\n");
}

/** Writes to a raw socket, waiting for drain; false when the socket is gone. */
export async function writeSocket(socket: Duplex, data: Uint8Array | string): Promise<boolean> {
  if (socket.destroyed || socket.writableEnded) return false;
  if (socket.write(data)) return true;
  return await new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      socket.off("drain", onDrain);
      socket.off("close", onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    socket.on("drain", onDrain);
    socket.on("close", onClose);
  });
}
