import {
  NetworkConnectBody,
  NetworkCreateBody,
  NetworkDisconnectBody,
  NetworkListQuery,
  NetworkPruneQuery,
  parseQuery,
} from "../../../api/index.js";
import { BerthError } from "../../../shared/errors.js";
import { param, type RouteContext, type RouteHandler } from "../context.js";
import { readJson } from "../request-body.js";
import { sendEmpty, sendJson } from "../respond.js";
import type { Router } from "../router.js";

/** Docker answers some refusals with 403 Forbidden: the backend marks them with `details.status`. */
function forbiddenAware(handler: RouteHandler): RouteHandler {
  return async (ctx: RouteContext) => {
    try {
      await handler(ctx);
    } catch (error: unknown) {
      if (error instanceof BerthError && error.details?.status === 403 && !ctx.res.headersSent) {
        sendJson(ctx.res, 403, { message: error.message });
        return;
      }
      throw error;
    }
  };
}

/** Routes under /networks (list, inspect, create, delete, connect, disconnect, prune). */
export function networkRoutes(router: Router<RouteHandler>): void {
  router
    .add("GET", "/networks", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.listNetworks(parseQuery(NetworkListQuery, ctx.query))),
    )
    .add("GET", "/networks/json", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.listNetworks(parseQuery(NetworkListQuery, ctx.query))),
    )
    .add(
      "POST",
      "/networks/create",
      forbiddenAware(async (ctx) => {
        const body = await readJson(ctx.req, NetworkCreateBody, ctx.maxBodyBytes);
        sendJson(ctx.res, 201, await ctx.backend.createNetwork(body));
      }),
    )
    .add("POST", "/networks/prune", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.pruneNetworks(parseQuery(NetworkPruneQuery, ctx.query))),
    )
    .add(
      "POST",
      "/networks/:id/connect",
      forbiddenAware(async (ctx) => {
        const body = await readJson(ctx.req, NetworkConnectBody, ctx.maxBodyBytes);
        await ctx.backend.connectNetwork(param(ctx, "id"), body);
        sendEmpty(ctx.res, 200);
      }),
    )
    .add(
      "POST",
      "/networks/:id/disconnect",
      forbiddenAware(async (ctx) => {
        const body = await readJson(ctx.req, NetworkDisconnectBody, ctx.maxBodyBytes);
        await ctx.backend.disconnectNetwork(param(ctx, "id"), body);
        sendEmpty(ctx.res, 200);
      }),
    )
    .add("GET", "/networks/:id", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.inspectNetwork(param(ctx, "id"))),
    )
    .add(
      "DELETE",
      "/networks/:id",
      forbiddenAware(async (ctx) => {
        await ctx.backend.removeNetwork(param(ctx, "id"));
        sendEmpty(ctx.res, 204);
      }),
    );
}
