import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { EngineBackend } from "../backend.js";
import type { Params } from "./router.js";

/** Everything a route handler gets. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Params;
  query: URLSearchParams;
  backend: EngineBackend;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  maxBodyBytes: number;
}

/** A route handler: answers through `ctx.res`, or throws (mapped to Docker's error body). */
export type RouteHandler = (ctx: RouteContext) => Promise<void>;

/** Everything a hijacking handler gets: the raw socket after the request head. */
export interface UpgradeContext {
  req: IncomingMessage;
  socket: Duplex;
  /** Bytes the client sent after the head (the start of the body, maybe stdin). */
  head: Buffer;
  params: Params;
  query: URLSearchParams;
  backend: EngineBackend;
  signal: AbortSignal;
  maxBodyBytes: number;
  serverHeaders: Record<string, string>;
}

/** A hijacking handler (exec start with `Upgrade: tcp`). */
export type UpgradeHandler = (ctx: UpgradeContext) => Promise<void>;

/** The param a route pattern guarantees. */
export function param(ctx: { params: Params }, name: string): string {
  return ctx.params[name] ?? "";
}
