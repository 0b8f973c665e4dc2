import {
  ContainerCreateBody,
  ContainerCreateQuery,
  ContainerKillQuery,
  ContainerListQuery,
  ContainerRemoveQuery,
  ContainerStopQuery,
  ContainerTopQuery,
  ContainerWaitQuery,
  parseQuery,
  type StateChange,
  unknownContainerFilters,
} from "../../../api/index.js";
import { BerthError, errorMessage } from "../../../shared/errors.js";
import { param, type RouteHandler } from "../context.js";
import { readJson } from "../request-body.js";
import { sendEmpty, sendJson } from "../respond.js";
import type { Router } from "../router.js";
import { containerLogs } from "./logs.js";

const noContent = (change: StateChange | undefined) => (change === "unchanged" ? 304 : 204);

const create: RouteHandler = async (ctx) => {
  const query = parseQuery(ContainerCreateQuery, ctx.query);
  const body = await readJson(ctx.req, ContainerCreateBody, ctx.maxBodyBytes);
  const name = query.name?.replace(/^\//, "");
  sendJson(ctx.res, 201, await ctx.backend.createContainer(body, name));
};

const list: RouteHandler = async (ctx) => {
  const query = parseQuery(ContainerListQuery, ctx.query);
  const unknown = unknownContainerFilters(query.filters);
  if (unknown.length > 0) throw new BerthError("INVALID_ARGUMENT", `invalid filter '${unknown[0]}'`);
  sendJson(ctx.res, 200, await ctx.backend.listContainers(query));
};

/**
 * Like Docker, answers the headers as soon as the container is known and the body when the condition
 * holds: the docker CLI opens `wait?condition=next-exit` before it starts a container and blocks until
 * the headers arrive. A failure after the headers goes into the body as `Error.Message`.
 */
const wait: RouteHandler = async (ctx) => {
  const query = parseQuery(ContainerWaitQuery, ctx.query);
  const id = param(ctx, "id");
  const pending = ctx.backend.waitContainer(id, query, ctx.signal);
  pending.catch(() => undefined);
  await ctx.backend.inspectContainer(id);
  ctx.res.writeHead(200, { "Content-Type": "application/json" });
  ctx.res.flushHeaders();
  let body: unknown;
  try {
    body = await pending;
  } catch (error: unknown) {
    body = { StatusCode: -1, Error: { Message: errorMessage(error) } };
  }
  ctx.res.end(`${JSON.stringify(body)}\n`);
};

/** Routes under /containers (create, list, lifecycle verbs, inspect, logs, top, delete). */
export function containerRoutes(router: Router<RouteHandler>): void {
  router
    .add("POST", "/containers/create", create)
    .add("GET", "/containers/json", list)
    .add("GET", "/containers/:id/json", async (ctx) =>
      sendJson(ctx.res, 200, await ctx.backend.inspectContainer(param(ctx, "id"))),
    )
    .add("POST", "/containers/:id/start", async (ctx) =>
      sendEmpty(ctx.res, noContent(await ctx.backend.startContainer(param(ctx, "id")))),
    )
    .add("POST", "/containers/:id/stop", async (ctx) => {
      const query = parseQuery(ContainerStopQuery, ctx.query);
      sendEmpty(ctx.res, noContent(await ctx.backend.stopContainer(param(ctx, "id"), query)));
    })
    .add("POST", "/containers/:id/restart", async (ctx) => {
      const query = parseQuery(ContainerStopQuery, ctx.query);
      await ctx.backend.restartContainer(param(ctx, "id"), query);
      sendEmpty(ctx.res, 204);
    })
    .add("POST", "/containers/:id/kill", async (ctx) => {
      await ctx.backend.killContainer(param(ctx, "id"), parseQuery(ContainerKillQuery, ctx.query));
      sendEmpty(ctx.res, 204);
    })
    .add("POST", "/containers/:id/wait", wait)
    .add("POST", "/containers/:id/pause", async (ctx) => {
      await ctx.backend.pauseContainer(param(ctx, "id"));
      sendEmpty(ctx.res, 204);
    })
    .add("POST", "/containers/:id/unpause", async (ctx) => {
      await ctx.backend.unpauseContainer(param(ctx, "id"));
      sendEmpty(ctx.res, 204);
    })
    .add("GET", "/containers/:id/top", async (ctx) => {
      const query = parseQuery(ContainerTopQuery, ctx.query);
      sendJson(ctx.res, 200, await ctx.backend.topContainer(param(ctx, "id"), query));
    })
    .add("GET", "/containers/:id/logs", containerLogs)
    .add("DELETE", "/containers/:id", async (ctx) => {
      await ctx.backend.removeContainer(param(ctx, "id"), parseQuery(ContainerRemoveQuery, ctx.query));
      sendEmpty(ctx.res, 204);
    });
}
