import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { API_VERSION, compareApiVersions, MIN_API_VERSION } from "../../api/index.js";
import { BerthError } from "../../shared/errors.js";
import type { EngineBackend } from "../backend.js";
import type { RouteHandler, UpgradeHandler } from "./context.js";
import { rawErrorResponse } from "./raw-response.js";
import { baseHeaders, clientGone, sendError } from "./respond.js";
import { Router, stripVersion } from "./router.js";
import { attachRoutes, attachUpgradeRoutes } from "./routes/attach.js";
import { containerRoutes } from "./routes/containers.js";
import { execRoutes, execUpgradeRoutes } from "./routes/exec.js";
import { imageRoutes } from "./routes/images.js";
import { networkRoutes } from "./routes/networks.js";
import { systemRoutes } from "./routes/system.js";
import { volumeRoutes } from "./routes/volumes.js";
import { clearStaleSocket, restrictSocket } from "./unix-socket.js";

/** Options of the engine's HTTP server. */
export interface EngineHttpOptions {
  backend: EngineBackend;
  /** berth's version, for the `Server` header. */
  serverVersion: string;
  /** Largest JSON request body accepted (bytes); archives (load, import) are streamed and not limited. */
  maxBodyBytes?: number;
  /** Called with errors that could not be sent to a client (for the engine's log). */
  onInternalError?: (error: unknown) => void;
}

/** Sockets taken over by upgrades, per server: node:http no longer tracks them, so close() ends them. */
const hijackedSockets = new WeakMap<Server, Set<Duplex>>();

const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

function versionError(version: string | undefined): BerthError | undefined {
  if (version === undefined) return undefined;
  if (compareApiVersions(version, API_VERSION) > 0) {
    return new BerthError(
      "INVALID_ARGUMENT",
      `client version ${version} is too new. Maximum supported API version is ${API_VERSION}`,
    );
  }
  if (compareApiVersions(version, MIN_API_VERSION) < 0) {
    return new BerthError(
      "INVALID_ARGUMENT",
      `client version ${version} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`,
    );
  }
  return undefined;
}

function splitUrl(url: string | undefined): { path: string; query: URLSearchParams; version?: string } {
  const parsed = new URL(url ?? "/", "http://berth");
  const { version, path } = stripVersion(parsed.pathname);
  return { path, query: parsed.searchParams, version };
}

/** Builds the node:http server that answers the Docker-shaped API from a backend (not yet listening). */
export function createEngineHttpServer(options: EngineHttpOptions): Server {
  const { backend, serverVersion } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const headers = baseHeaders(serverVersion) as Record<string, string>;
  const routes = new Router<RouteHandler>();
  systemRoutes(routes);
  containerRoutes(routes);
  attachRoutes(routes);
  execRoutes(routes);
  imageRoutes(routes);
  networkRoutes(routes);
  volumeRoutes(routes);
  const upgrades = new Router<UpgradeHandler>();
  execUpgradeRoutes(upgrades);
  attachUpgradeRoutes(upgrades);
  const report = options.onInternalError ?? (() => {});

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    for (const [key, value] of Object.entries(headers)) res.setHeader(key, value);
    try {
      const { path, query, version } = splitUrl(req.url);
      const bad = versionError(version);
      if (bad) throw bad;
      const match = routes.match(req.method ?? "GET", path);
      if (match.kind === "not-found") throw new BerthError("NOT_FOUND", "page not found");
      if (match.kind === "method-not-allowed") {
        res.setHeader("Content-Type", "application/json");
        res.writeHead(405);
        res.end(`${JSON.stringify({ message: "method not allowed" })}\n`);
        return;
      }
      const signal = clientGone(req, res);
      await match.handler({ req, res, params: match.params, query, backend, signal, maxBodyBytes });
    } catch (error) {
      if (res.headersSent) report(error);
      sendError(res, error);
    }
  };

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const controller = new AbortController();
    socket.on("close", () => controller.abort(new Error("client disconnected")));
    socket.on("error", () => {});
    try {
      const { path, query, version } = splitUrl(req.url);
      const bad = versionError(version);
      if (bad) throw bad;
      const match = upgrades.match(req.method ?? "GET", path);
      if (match.kind !== "found") {
        throw new BerthError("NOT_FOUND", `no connection upgrade on ${req.method ?? ""} ${path}`);
      }
      const context = { req, socket, head, params: match.params, query, backend, maxBodyBytes };
      await match.handler({ ...context, signal: controller.signal, serverHeaders: headers });
    } catch (error) {
      if (!socket.destroyed) socket.end(rawErrorResponse(error, headers));
      report(error);
    }
  };

  const server = createServer((req, res) => void onRequest(req, res));
  const hijacked = new Set<Duplex>();
  hijackedSockets.set(server, hijacked);
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    hijacked.add(socket);
    socket.on("close", () => hijacked.delete(socket));
    void onUpgrade(req, socket, head);
  });
  return server;
}

/** A listening engine server. */
export interface RunningEngineServer {
  socketPath: string;
  server: Server;
  /** Stops listening, ends every open connection (streams and hijacked ones too) and removes the socket. */
  close(): Promise<void>;
}

/** Listens on a unix socket (mode 0660), removing a stale socket file first but never a live one. */
export async function startEngineServer(
  options: EngineHttpOptions & { socketPath: string },
): Promise<RunningEngineServer> {
  await clearStaleSocket(options.socketPath);
  const server = createEngineHttpServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
  await restrictSocket(options.socketPath);
  return {
    socketPath: options.socketPath,
    server,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of hijackedSockets.get(server) ?? []) socket.destroy();
      await closed;
    },
  };
}
