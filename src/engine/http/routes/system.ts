import { EventsQuery, eventFilterKeys, parseQuery } from "../../../api/index.js";
import { BerthError } from "../../../shared/errors.js";
import type { RouteHandler } from "../context.js";
import { sendJson, startStream, writeChunk } from "../respond.js";
import type { Router } from "../router.js";

const ping: RouteHandler = async ({ req, res }) => {
  res.writeHead(200, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": req.method === "HEAD" ? 0 : 2,
    "Cache-Control": "no-cache, no-store, must-revalidate",
    Pragma: "no-cache",
    "Builder-Version": "1",
  });
  res.end(req.method === "HEAD" ? undefined : "OK");
};

const events: RouteHandler = async (ctx) => {
  const query = parseQuery(EventsQuery, ctx.query);
  const unknown = Object.keys(query.filters).filter(
    (key) => !(eventFilterKeys as readonly string[]).includes(key),
  );
  if (unknown.length > 0) throw new BerthError("INVALID_ARGUMENT", `invalid filter '${unknown[0]}'`);
  const stream = ctx.backend.events(query, ctx.signal);
  startStream(ctx.res, "application/json");
  for await (const event of stream) {
    if (!(await writeChunk(ctx.res, `${JSON.stringify(event)}\n`))) break;
  }
  ctx.res.end();
};

/** Routes: /_ping, /version, /info, /events. */
export function systemRoutes(router: Router<RouteHandler>): void {
  router
    .add("GET", "/_ping", ping)
    .add("HEAD", "/_ping", ping)
    .add("GET", "/version", async (ctx) => sendJson(ctx.res, 200, await ctx.backend.version()))
    .add("GET", "/info", async (ctx) => sendJson(ctx.res, 200, await ctx.backend.info()))
    .add("GET", "/events", events);
}
