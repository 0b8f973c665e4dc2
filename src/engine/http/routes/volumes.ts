import {
  parseQuery,
  VolumeCreateBody,
  VolumeListQuery,
  VolumePruneQuery,
  VolumeRemoveQuery,
} from "../../../api/index.js";
import { param, type RouteHandler } from "../context.js";
import { readJson } from "../request-body.js";
import { sendEmpty, sendJson } from "../respond.js";
import type { Router } from "../router.js";

/** Routes under /volumes (list, create, inspect, delete, prune), in Docker's shapes. */
export function volumeRoutes(router: Router<RouteHandler>): void {
  router
    .add("GET", "/volumes", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.listVolumes(parseQuery(VolumeListQuery, ctx.query))),
    )
    .add("POST", "/volumes/create", async (ctx) => {
      const body = await readJson(ctx.req, VolumeCreateBody, ctx.maxBodyBytes);
      sendJson(ctx.res, 201, await ctx.backend.createVolume(body));
    })
    .add("POST", "/volumes/prune", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.pruneVolumes(parseQuery(VolumePruneQuery, ctx.query))),
    )
    .add("GET", "/volumes/:name", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.inspectVolume(param(ctx, "name"))),
    )
    .add("DELETE", "/volumes/:name", async (ctx) => {
      await ctx.backend.removeVolume(param(ctx, "name"), parseQuery(VolumeRemoveQuery, ctx.query));
      sendEmpty(ctx.res, 204);
    });
}
