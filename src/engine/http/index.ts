/** The engine's HTTP transport: Docker-shaped routes over node:http on a unix socket. */
export {
  createEngineHttpServer,
  type EngineHttpOptions,
  type RunningEngineServer,
  startEngineServer,
} from "./server.js";
export { type ErrorAnswer, errorAnswer, statusByCode } from "./status-map.js";
export { clearStaleSocket, socketAnswers } from "./unix-socket.js";
