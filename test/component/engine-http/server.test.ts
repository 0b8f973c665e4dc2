import { spawnSync } from "node:child_process";
import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEngineServer } from "../../../src/engine/http/index.js";
import { FakeBackend } from "../../support/fake-backend.js";
import { raw } from "./raw-http.js";
import { type ServerFixture, startFixture } from "./server-fixture.js";

let fx: ServerFixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.close();
});

describe("engine HTTP server", () => {
  it("answers GET and HEAD /_ping with Docker's headers", async () => {
    const get = await raw(fx.socketPath, { method: "GET", path: "/_ping" });
    expect(get).toMatchObject({ status: 200, body: "OK" });
    expect(get.headers).toMatchObject({
      "api-version": "1.43",
      "docker-experimental": "false",
      ostype: "linux",
      server: "berth/0.1.0-test (linux)",
    });
    const head = await raw(fx.socketPath, { method: "HEAD", path: "/_ping" });
    expect(head).toMatchObject({ status: 200, body: "" });
    expect(head.headers["api-version"]).toBe("1.43");
  });

  it("accepts and strips a /v1.NN prefix, refusing versions it does not speak", async () => {
    expect((await raw(fx.socketPath, { method: "GET", path: "/v1.43/version" })).status).toBe(200);
    expect((await raw(fx.socketPath, { method: "GET", path: "/v1.24/containers/json" })).status).toBe(200);
    const tooNew = await raw(fx.socketPath, { method: "GET", path: "/v1.99/version" });
    expect(tooNew.status).toBe(400);
    expect(JSON.parse(tooNew.body)).toEqual({
      message: "client version 1.99 is too new. Maximum supported API version is 1.43",
    });
    expect((await raw(fx.socketPath, { method: "GET", path: "/v1.12/version" })).status).toBe(400);
  });

  it("answers unknown routes with 404 and wrong methods with 405, in Docker's error shape", async () => {
    const missing = await raw(fx.socketPath, { method: "GET", path: "/nope" });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ message: "page not found" });
    expect((await raw(fx.socketPath, { method: "DELETE", path: "/containers/json" })).status).toBe(404);
    expect((await raw(fx.socketPath, { method: "PUT", path: "/version" })).status).toBe(405);
  });

  it("maps backend errors to statuses with one table and carries the berth code", async () => {
    const missing = await raw(fx.socketPath, { method: "POST", path: "/containers/nope/start" });
    expect(missing.status).toBe(404);
    expect(missing.headers["berth-error-code"]).toBe("NOT_FOUND");
    expect(JSON.parse(missing.body)).toEqual({ message: "No such container: nope" });
    const body = JSON.stringify({ Image: "busybox", Cmd: ["sleep", "9"] });
    const headers = { "Content-Type": "application/json" };
    await raw(fx.socketPath, { method: "POST", path: "/containers/create?name=s", body, headers });
    const conflict = await raw(fx.socketPath, {
      method: "POST",
      path: "/containers/create?name=s",
      body,
      headers,
    });
    expect(conflict.status).toBe(409);
    const notRunning = await raw(fx.socketPath, { method: "POST", path: "/containers/s/kill" });
    expect(notRunning).toMatchObject({ status: 409, headers: { "berth-error-code": "STATE_TRANSITION" } });
    expect((await raw(fx.socketPath, { method: "POST", path: "/containers/s/start" })).status).toBe(204);
    expect((await raw(fx.socketPath, { method: "POST", path: "/containers/s/start" })).status).toBe(304);
    expect((await raw(fx.socketPath, { method: "POST", path: "/containers/s/stop?t=1" })).status).toBe(204);
    expect((await raw(fx.socketPath, { method: "POST", path: "/containers/s/stop" })).status).toBe(304);
  });

  it("validates bodies and queries with 400s that name the field", async () => {
    const headers = { "Content-Type": "application/json" };
    const noImage = await raw(fx.socketPath, {
      method: "POST",
      path: "/containers/create",
      body: "{}",
      headers,
    });
    expect(noImage.status).toBe(400);
    expect(JSON.parse(noImage.body).message).toMatch(/^invalid request body: Image: /);
    const badJson = await raw(fx.socketPath, {
      method: "POST",
      path: "/containers/create",
      body: "{",
      headers,
    });
    expect(badJson.status).toBe(400);
    const badName = await raw(fx.socketPath, {
      method: "POST",
      path: "/containers/create?name=-bad",
      body: '{"Image":"busybox"}',
      headers,
    });
    expect(JSON.parse(badName.body).message).toContain("Invalid container name");
    const badFilter = await raw(fx.socketPath, {
      method: "GET",
      path: `/containers/json?filters=${encodeURIComponent('{"colour":["red"]}')}`,
    });
    expect(badFilter.status).toBe(400);
    expect(JSON.parse(badFilter.body)).toEqual({ message: "invalid filter 'colour'" });
    const noStreams = await raw(fx.socketPath, { method: "GET", path: "/containers/x/logs" });
    expect(noStreams.status).toBe(400);
  });

  it("refuses request bodies over the limit", async () => {
    const dir = fx.dir;
    const socketPath = join(dir, "small.sock");
    const small = await startEngineServer({
      backend: new FakeBackend(),
      socketPath,
      serverVersion: "t",
      maxBodyBytes: 64,
    });
    try {
      const body = JSON.stringify({ Image: "busybox", Env: ["X=".padEnd(200, "x")] });
      const answer = await raw(socketPath, {
        method: "POST",
        path: "/containers/create",
        body,
        headers: { "Content-Type": "application/json" },
      });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).message).toBe("request body exceeds 64 bytes");
    } finally {
      await small.close();
    }
  });

  it("creates the socket with mode 0660 and removes it on close", async () => {
    expect((await stat(fx.socketPath)).mode & 0o777).toBe(0o660);
    const socketPath = join(fx.dir, "other.sock");
    const other = await startEngineServer({ backend: new FakeBackend(), socketPath, serverVersion: "t" });
    await other.close();
    await expect(stat(socketPath)).rejects.toThrow(/ENOENT/);
  });

  it("replaces a stale socket but never a live one or a non-socket file", async () => {
    const stalePath = join(fx.dir, "stale.sock");
    // A crashed engine: a process bound the socket and died by SIGKILL, so the file stays.
    const script = `require("node:net").createServer().listen(${JSON.stringify(stalePath)}, () => process.kill(process.pid, "SIGKILL"))`;
    spawnSync(process.execPath, ["-e", script]);
    expect((await stat(stalePath)).isSocket()).toBe(true);
    const revived = await startEngineServer({
      backend: new FakeBackend(),
      socketPath: stalePath,
      serverVersion: "t",
    });
    expect((await raw(stalePath, { method: "GET", path: "/_ping" })).status).toBe(200);
    await revived.close();

    await expect(
      startEngineServer({ backend: new FakeBackend(), socketPath: fx.socketPath, serverVersion: "t" }),
    ).rejects.toThrow(/already listening/);
    expect((await raw(fx.socketPath, { method: "GET", path: "/_ping" })).status).toBe(200);

    const filePath = join(fx.dir, "file.sock");
    await writeFile(filePath, "x");
    await expect(
      startEngineServer({ backend: new FakeBackend(), socketPath: filePath, serverVersion: "t" }),
    ).rejects.toThrow(/not a socket/);
  });

  it("serves image names with slashes and tags in the path", async () => {
    fx.fake.addImage("registry.example:5000/team/app:v2");
    const answer = await raw(fx.socketPath, {
      method: "GET",
      path: "/images/registry.example:5000/team/app:v2/json",
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).RepoTags).toEqual(["registry.example:5000/team/app:v2"]);
  });
});
