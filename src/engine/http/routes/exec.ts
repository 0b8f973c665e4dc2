import {
  ExecCreateBody,
  ExecStartBody,
  MULTIPLEXED_CONTENT_TYPE,
  RAW_CONTENT_TYPE,
} from "../../../api/index.js";
import { param, type RouteHandler, type UpgradeHandler } from "../context.js";
import { encodeOutput } from "../output-encoding.js";
import { rawErrorResponse, upgradeHead, writeSocket } from "../raw-response.js";
import { parseJsonBody, readJson } from "../request-body.js";
import { sendJson, startStream, writeChunk } from "../respond.js";
import type { Router } from "../router.js";
import { SocketReader } from "../socket-reader.js";

const start: RouteHandler = async (ctx) => {
  const options = await readJson(ctx.req, ExecStartBody, ctx.maxBodyBytes);
  const stream = await ctx.backend.startExec(param(ctx, "id"), { options, signal: ctx.signal });
  startStream(ctx.res, stream.tty ? RAW_CONTENT_TYPE : MULTIPLEXED_CONTENT_TYPE);
  for await (const chunk of stream.output) {
    if (!(await writeChunk(ctx.res, encodeOutput(chunk, { tty: stream.tty })))) break;
  }
  ctx.res.end();
};

/** POST /exec/{id}/start with `Upgrade: tcp`: answers 101, then stdin flows in and output out. */
export const hijackedExecStart: UpgradeHandler = async (ctx) => {
  const { socket } = ctx;
  const reader = new SocketReader(socket, ctx.head);
  let stream: Awaited<ReturnType<typeof ctx.backend.startExec>>;
  try {
    const length = Number(ctx.req.headers["content-length"] ?? "0");
    if (!Number.isInteger(length) || length < 0 || length > ctx.maxBodyBytes) {
      throw new Error(`bad Content-Length ${String(ctx.req.headers["content-length"])}`);
    }
    const options = parseJsonBody(ExecStartBody, await reader.take(length));
    stream = await ctx.backend.startExec(param(ctx, "id"), {
      options,
      stdin: reader.rest(),
      signal: ctx.signal,
    });
  } catch (error) {
    socket.end(rawErrorResponse(error, ctx.serverHeaders));
    return;
  }
  const head = upgradeHead(stream.tty, ctx.serverHeaders);
  if (!(await writeSocket(socket, head))) return;
  for await (const chunk of stream.output) {
    if (!(await writeSocket(socket, encodeOutput(chunk, { tty: stream.tty })))) return;
  }
  socket.end();
};

/** Routes: POST /containers/{id}/exec, POST /exec/{id}/start (plain streaming), GET /exec/{id}/json. */
export function execRoutes(router: Router<RouteHandler>): void {
  router
    .add("POST", "/containers/:id/exec", async (ctx) => {
      const body = await readJson(ctx.req, ExecCreateBody, ctx.maxBodyBytes);
      sendJson(ctx.res, 201, await ctx.backend.createExec(param(ctx, "id"), body));
    })
    .add("POST", "/exec/:id/start", start)
    .add("GET", "/exec/:id/json", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.inspectExec(param(ctx, "id"))),
    );
}

/** Hijacking routes: POST /exec/{id}/start. */
export function execUpgradeRoutes(router: Router<UpgradeHandler>): void {
  router.add("POST", "/exec/:id/start", hijackedExecStart);
}
