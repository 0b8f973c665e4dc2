import type { IncomingMessage } from "node:http";
import { request } from "node:http";
import type { Duplex } from "node:stream";
import { decodeFrames, type OutputChunk, ProgressMessage, RAW_CONTENT_TYPE } from "../api/index.js";
import { BerthError } from "../shared/errors.js";
import { errorFromResponse, unavailable } from "./transport.js";

/** Output of a logs or exec stream: demultiplexed frames, or all stdout for a raw (TTY) stream. */
export async function* demultiplex(
  chunks: AsyncIterable<Buffer>,
  contentType: string | undefined,
): AsyncGenerator<OutputChunk> {
  if (contentType?.startsWith(RAW_CONTENT_TYPE)) {
    for await (const data of chunks) yield { stream: "stdout", data };
    return;
  }
  for await (const frame of decodeFrames(chunks)) {
    if (frame.stream === "stdout" || frame.stream === "stderr")
      yield { stream: frame.stream, data: frame.data };
    else if (frame.stream === "systemerr") throw new Error(frame.data.toString("utf8"));
  }
}

/** Newline-separated JSON objects (events, load/import progress) as an async iterable. */
export async function* jsonLines(res: IncomingMessage): AsyncGenerator<unknown> {
  let pending = "";
  for await (const chunk of res) {
    pending += String(chunk);
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line !== "") yield JSON.parse(line);
      newline = pending.indexOf("\n");
    }
  }
  if (pending.trim() !== "") yield JSON.parse(pending);
}

/** Opens a hijacked connection (`Upgrade: tcp`) and resolves with the raw socket after the 101 answer. */
export function hijack(
  socketPath: string,
  options: { path: string; json: unknown; signal?: AbortSignal },
): Promise<{ socket: Duplex; head: Buffer; contentType: string | undefined }> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(JSON.stringify(options.json));
    const req = request({
      socketPath,
      method: "POST",
      path: options.path,
      signal: options.signal,
      headers: {
        Connection: "Upgrade",
        Upgrade: "tcp",
        "Content-Type": "application/json",
        "Content-Length": String(body.length),
      },
    });
    req.once("upgrade", (res: IncomingMessage, socket: Duplex, head: Buffer) => {
      const type = res.headers["content-type"];
      resolve({ socket, head, contentType: typeof type === "string" ? type : undefined });
    });
    req.once("response", (res: IncomingMessage) => {
      void errorFromResponse(res).then(reject, reject);
    });
    req.once("error", (error: Error & { code?: string }) =>
      reject(
        error.code === "ENOENT" || error.code === "ECONNREFUSED" ? unavailable(socketPath, error) : error,
      ),
    );
    req.end(body);
  });
}

/** Reads a progress stream (load, import), failing on an `error` message. */
export async function progress(res: Parameters<typeof jsonLines>[0]): Promise<ProgressMessage[]> {
  const messages: ProgressMessage[] = [];
  for await (const line of jsonLines(res)) {
    const message = ProgressMessage.parse(line);
    if (message.error !== undefined) throw new BerthError("INTERNAL", message.error);
    messages.push(message);
  }
  return messages;
}

/** Copies stdin into a hijacked socket, then half-closes it so the command sees end of input. */
export async function pumpStdin(socket: Duplex, stdin: AsyncIterable<Uint8Array> | undefined): Promise<void> {
  try {
    for await (const chunk of stdin ?? []) {
      if (!socket.write(chunk)) await new Promise((resolve) => socket.once("drain", resolve));
    }
  } finally {
    if (!socket.destroyed) socket.end();
  }
}
