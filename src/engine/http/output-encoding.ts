import { encodeFrame, type OutputChunk } from "../../api/index.js";

/** Encodes one output chunk for the wire: raw bytes for a TTY, a multiplexed frame otherwise. */
export function encodeOutput(chunk: OutputChunk, options: { tty: boolean; timestamp?: string }): Buffer {
  const data =
    options.timestamp === undefined
      ? chunk.data
      : Buffer.concat([Buffer.from(`${options.timestamp} `), chunk.data]);
  return options.tty ? data : encodeFrame(chunk.stream, data);
}
