import {
  ContainerLogsQuery,
  MULTIPLEXED_CONTENT_TYPE,
  parseQuery,
  RAW_CONTENT_TYPE,
} from "../../../api/index.js";
import { BerthError } from "../../../shared/errors.js";
import { param, type RouteHandler } from "../context.js";
import { encodeOutput } from "../output-encoding.js";
import { startStream, writeChunk } from "../respond.js";

/** GET /containers/{id}/logs: multiplexed frames (raw for TTY containers), timestamps prefixed on request. */
export const containerLogs: RouteHandler = async (ctx) => {
  const query = parseQuery(ContainerLogsQuery, ctx.query);
  if (!query.stdout && !query.stderr) {
    throw new BerthError("INVALID_ARGUMENT", "Bad parameters: you must choose at least one stream");
  }
  const logs = await ctx.backend.containerLogs(param(ctx, "id"), query, ctx.signal);
  startStream(ctx.res, logs.tty ? RAW_CONTENT_TYPE : MULTIPLEXED_CONTENT_TYPE);
  for await (const chunk of logs.chunks) {
    if (chunk.stream === "stdout" ? !query.stdout : !query.stderr) continue;
    const timestamp = query.timestamps ? chunk.time : undefined;
    if (!(await writeChunk(ctx.res, encodeOutput(chunk, { tty: logs.tty, timestamp })))) break;
  }
  ctx.res.end();
};
