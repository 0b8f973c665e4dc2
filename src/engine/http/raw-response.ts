import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { ERROR_CODE_HEADER, MULTIPLEXED_CONTENT_TYPE, RAW_CONTENT_TYPE } from "../../api/index.js";
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

/** The 101 head of a hijacked stream (attach, exec start): raw bytes with a TTY, multiplexed otherwise. */
export function upgradeHead(tty: boolean, headers: Record<string, string>): string {
  return [
    "HTTP/1.1 101 UPGRADED",
    `Content-Type: ${tty ? RAW_CONTENT_TYPE : MULTIPLEXED_CONTENT_TYPE}`,
    "Connection: Upgrade",
    "Upgrade: tcp",
    ...Object.entries(headers).map(([key, value]) => `${key}: ${value}`),
    "",
    "",
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
