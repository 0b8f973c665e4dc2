import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningEngineServer, startEngineServer } from "../../../src/engine/http/index.js";
import { FakeBackend } from "../../support/fake-backend.js";

/** A server on a real unix socket in a fresh temp dir, backed by a FakeBackend with a busybox image. */
export interface ServerFixture {
  dir: string;
  socketPath: string;
  fake: FakeBackend;
  server: RunningEngineServer;
  close(): Promise<void>;
}

/** Starts a fixture server; call close() in afterEach/afterAll. */
export async function startFixture(): Promise<ServerFixture> {
  const dir = await mkdtemp(join(tmpdir(), "berth-http-"));
  const socketPath = join(dir, "berth.sock");
  const fake = new FakeBackend();
  fake.addImage("busybox:latest", { Cmd: ["sh"], Env: ["PATH=/bin"] });
  const server = await startEngineServer({ backend: fake, socketPath, serverVersion: "0.1.0-test" });
  return {
    dir,
    socketPath,
    fake,
    server,
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
