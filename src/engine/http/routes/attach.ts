import { z } from "zod";
import {
  boolParam,
  MULTIPLEXED_CONTENT_TYPE,
  parseQuery,
  RAW_CONTENT_TYPE,
  textParam,
} from "../../../api/index.js";
import { BerthError } from "../../../shared/errors.js";
import type { AttachOptions } from "../../backend.js";
import { param, type RouteHandler, type UpgradeHandler } from "../context.js";
import { encodeOutput } from "../output-encoding.js";
import { rawErrorResponse, upgradeHead, writeSocket } from "../raw-response.js";
import { startStream, writeChunk } from "../respond.js";
import type { Router } from "../router.js";
import { SocketReader } from "../socket-reader.js";

/** POST /containers/{id}/attach query (Docker's): streams, past output, live output; stdin is not offered. */
const AttachQuery = z.object({
  stream: boolParam,
  logs: boolParam,
  stdout: boolParam,
  stderr: boolParam,
  stdin: boolParam,
  detachKeys: textParam,
});

function attachOptions(query: URLSearchParams): AttachOptions {
  const parsed = parseQuery(AttachQuery, query);
  if (parsed.stdin) {
    throw new BerthError(
      "INVALID_ARGUMENT",
      "attaching stdin is not supported by berth (no -i/-t): conmon's attach socket is SOCK_SEQPACKET, which node:net cannot open",
    );
  }
  return { logs: parsed.logs, stream: parsed.stream, stdout: parsed.stdout, stderr: parsed.stderr };
}

/**
 * POST /containers/{id}/attach with `Upgrade: tcp` (what the docker CLI sends): 101, then the output
 * (multiplexed frames, raw for a TTY container) until the container's next exit. `stdin=1` is
 * refused: conmon's stdin needs its SOCK_SEQPACKET attach socket, which node:net cannot open; other
 * bytes the client sends are read and dropped.
 */
export const hijackedAttach: UpgradeHandler = async (ctx) => {
  const { socket } = ctx;
  const reader = new SocketReader(socket, ctx.head);
  let stream: Awaited<ReturnType<typeof ctx.backend.attachContainer>>;
  try {
    const options = attachOptions(ctx.query);
    const length = Number(ctx.req.headers["content-length"] ?? "0");
    if (Number.isInteger(length) && length > 0 && length <= ctx.maxBodyBytes) await reader.take(length);
    stream = await ctx.backend.attachContainer(param(ctx, "id"), options, ctx.signal);
  } catch (error) {
    socket.end(rawErrorResponse(error, ctx.serverHeaders));
    return;
  }
  const head = upgradeHead(stream.tty, ctx.serverHeaders);
  void (async () => {
    for await (const _ of reader.rest());
  })().catch(() => undefined);
  if (!(await writeSocket(socket, head))) return;
  for await (const chunk of stream.chunks) {
    if (!(await writeSocket(socket, encodeOutput(chunk, { tty: stream.tty })))) return;
  }
  socket.end();
};

/** POST /containers/{id}/attach without an upgrade: the same output as a streamed answer. */
export const plainAttach: RouteHandler = async (ctx) => {
  const stream = await ctx.backend.attachContainer(param(ctx, "id"), attachOptions(ctx.query), ctx.signal);
  startStream(ctx.res, stream.tty ? RAW_CONTENT_TYPE : MULTIPLEXED_CONTENT_TYPE);
  for await (const chunk of stream.chunks) {
    if (!(await writeChunk(ctx.res, encodeOutput(chunk, { tty: stream.tty })))) break;
  }
  ctx.res.end();
};

/** Route: POST /containers/{id}/attach (plain streaming answer). */
export function attachRoutes(router: Router<RouteHandler>): void {
  router.add("POST", "/containers/:id/attach", plainAttach);
}

/** Hijacking route: POST /containers/{id}/attach. */
export function attachUpgradeRoutes(router: Router<UpgradeHandler>): void {
  router.add("POST", "/containers/:id/attach", hijackedAttach);
}
