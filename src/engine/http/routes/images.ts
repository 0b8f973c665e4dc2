import {
  ImageCreateQuery,
  ImageListQuery,
  ImageLoadQuery,
  ImagePruneQuery,
  ImageRemoveQuery,
  ImageTagQuery,
  parseImageSaveQuery,
  parseQuery,
} from "../../../api/index.js";
import { BerthError } from "../../../shared/errors.js";
import { param, type RouteContext, type RouteHandler } from "../context.js";
import { sendEmpty, sendJson, startStream, writeChunk } from "../respond.js";
import type { Router } from "../router.js";

const load: RouteHandler = async (ctx) => {
  const query = parseQuery(ImageLoadQuery, ctx.query);
  const result = await ctx.backend.loadImages(ctx.req, query);
  const lines = result.loaded.map(({ ref, id }) =>
    JSON.stringify({ stream: ref === undefined ? `Loaded image ID: ${id}\n` : `Loaded image: ${ref}\n` }),
  );
  const text = lines.map((line) => `${line}\n`).join("");
  ctx.res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  ctx.res.end(text);
};

async function save(ctx: RouteContext, names: string[]): Promise<void> {
  if (names.length === 0) throw new BerthError("INVALID_ARGUMENT", "no image names given");
  const tar = await ctx.backend.saveImages(names, ctx.signal);
  startStream(ctx.res, "application/x-tar");
  for await (const chunk of tar) {
    if (!(await writeChunk(ctx.res, chunk))) return;
  }
  ctx.res.end();
}

const create: RouteHandler = async (ctx) => {
  const query = parseQuery(ImageCreateQuery, ctx.query);
  if (query.fromSrc === undefined) {
    const what = query.fromImage ?? "";
    throw new BerthError("NOT_FOUND", `pull access denied for ${what}: berth reaches no registry yet`);
  }
  if (query.fromSrc !== "-") {
    throw new BerthError("INVALID_ARGUMENT", "only fromSrc=- (a tar in the request body) is supported");
  }
  const changes = ctx.query.getAll("changes").filter((change) => change !== "");
  const options = { repo: query.repo, tag: query.tag, message: query.message, changes };
  const { Id } = await ctx.backend.importImage(ctx.req, options);
  const text = `${JSON.stringify({ status: Id })}\n`;
  ctx.res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  ctx.res.end(text);
};

/** Routes under /images (list, inspect, tag, delete, load, save, prune, import). */
export function imageRoutes(router: Router<RouteHandler>): void {
  router
    .add("GET", "/images/json", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.listImages(parseQuery(ImageListQuery, ctx.query))),
    )
    .add("POST", "/images/load", load)
    .add("GET", "/images/get", (ctx) => save(ctx, parseImageSaveQuery(ctx.query).names))
    .add("POST", "/images/prune", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.pruneImages(parseQuery(ImagePruneQuery, ctx.query))),
    )
    .add("POST", "/images/create", create)
    .add("GET", "/images/:name*/json", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.inspectImage(param(ctx, "name"))),
    )
    .add("GET", "/images/:name*/get", (ctx) => save(ctx, [param(ctx, "name")]))
    .add("POST", "/images/:name*/tag", async (ctx) => {
      await ctx.backend.tagImage(param(ctx, "name"), parseQuery(ImageTagQuery, ctx.query));
      sendEmpty(ctx.res, 201);
    })
    .add("DELETE", "/images/:name*", async (ctx) =>
      sendJson(
        ctx.res,
        200,
        await ctx.backend.removeImage(param(ctx, "name"), parseQuery(ImageRemoveQuery, ctx.query)),
      ),
    );
}
