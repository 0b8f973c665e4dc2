import { connect, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeFrames, encodeFrame } from "../../../src/api/index.js";
import type { FakeContainer } from "../../support/fake-backend.js";
import { raw } from "./raw-http.js";
import { type ServerFixture, startFixture } from "./server-fixture.js";

let fx: ServerFixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.close();
});

/** Sends a hijacking request and collects every byte the server sends until it closes. */
function hijack(path: string): { socket: Socket; received: Promise<Buffer>; head: Promise<string> } {
  const socket = connect(fx.socketPath);
  const chunks: Buffer[] = [];
  let announce: (text: string) => void = () => {};
  const head = new Promise<string>((resolve) => {
    announce = resolve;
  });
  socket.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    const text = Buffer.concat(chunks).toString("latin1");
    if (text.includes("\r\n\r\n")) announce(text.slice(0, text.indexOf("\r\n\r\n")));
  });
  const received = new Promise<Buffer>((resolve) => socket.on("close", () => resolve(Buffer.concat(chunks))));
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n`,
  );
  return { socket, received, head };
}

function bodyOf(bytes: Buffer): Buffer {
  return bytes.subarray(bytes.indexOf("\r\n\r\n") + 4);
}

async function frames(bytes: Buffer): Promise<{ stream: string; text: string }[]> {
  const out: { stream: string; text: string }[] = [];
  async function* once() {
    yield bytes;
  }
  for await (const frame of decodeFrames(once()))
    out.push({ stream: frame.stream, text: frame.data.toString() });
  return out;
}

async function sleeper(name: string): Promise<FakeContainer> {
  await fx.fake.createContainer({ Image: "busybox", Cmd: ["sleep", "60"] }, name);
  const container = fx.fake.container(name);
  container.status = "running";
  return container;
}

describe("POST /containers/{id}/attach", () => {
  it("answers 101 with the multiplexed type, then frames from the moment of attach to the exit", async () => {
    const container = await sleeper("live");
    fx.fake.writeLog(container, "stdout", "before attach\n");
    const attach = hijack("/v1.43/containers/live/attach?stream=1&stdout=1&stderr=1");
    const head = await attach.head;
    expect(head.split("\r\n").slice(0, 4)).toEqual([
      "HTTP/1.1 101 UPGRADED",
      "Content-Type: application/vnd.docker.multiplexed-stream",
      "Connection: Upgrade",
      "Upgrade: tcp",
    ]);
    fx.fake.writeLog(container, "stdout", "out\n");
    fx.fake.writeLog(container, "stderr", "err\n");
    fx.fake.exit(container, 3);
    const body = bodyOf(await attach.received);
    expect(body).toEqual(
      Buffer.concat([
        encodeFrame("stdout", Buffer.from("out\n")),
        encodeFrame("stderr", Buffer.from("err\n")),
      ]),
    );
  });

  it("with logs=1 starts with what the container wrote before; stderr=0 leaves stderr out", async () => {
    const container = await sleeper("history");
    fx.fake.writeLog(container, "stdout", "old\n");
    fx.fake.writeLog(container, "stderr", "old err\n");
    const attach = hijack("/containers/history/attach?logs=1&stream=1&stdout=1&stderr=0");
    await attach.head;
    fx.fake.writeLog(container, "stdout", "new\n");
    fx.fake.exit(container, 0);
    expect(await frames(bodyOf(await attach.received))).toEqual([
      { stream: "stdout", text: "old\n" },
      { stream: "stdout", text: "new\n" },
    ]);
  });

  it("attached before the start (docker run), it carries the whole run", async () => {
    await fx.fake.createContainer({ Image: "busybox", Cmd: ["echo", "from", "the", "start"] }, "early");
    const attach = hijack("/containers/early/attach?stream=1&stdout=1&stderr=1");
    await attach.head;
    await fx.fake.startContainer("early");
    expect(await frames(bodyOf(await attach.received))).toEqual([
      { stream: "stdout", text: "from the start\n" },
    ]);
  });

  it("without stream, returns the logs alone (logs=1) and ends", async () => {
    const container = await sleeper("onlylogs");
    fx.fake.writeLog(container, "stdout", "so far\n");
    const attach = hijack("/containers/onlylogs/attach?logs=1&stdout=1");
    expect(await frames(bodyOf(await attach.received))).toEqual([{ stream: "stdout", text: "so far\n" }]);
  });

  it("is Docker's 404 for an unknown container and a 400 for stdin, before any upgrade", async () => {
    const missing = bodyOf(await hijack("/containers/nope/attach?stream=1&stdout=1").received);
    expect(JSON.parse(missing.toString())).toEqual({ message: "No such container: nope" });
    await sleeper("withstdin");
    const refused = await hijack("/containers/withstdin/attach?stream=1&stdin=1&stdout=1").received;
    expect(refused.toString()).toMatch(/^HTTP\/1\.1 400 /);
    expect(refused.toString()).toContain("attaching stdin is not supported");
  });

  it("also answers without an upgrade, as a plain multiplexed stream", async () => {
    const container = await sleeper("plain");
    fx.fake.writeLog(container, "stderr", "plain\n");
    const answer = await raw(fx.socketPath, {
      method: "POST",
      path: "/containers/plain/attach?logs=1&stdout=1&stderr=1",
    });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/vnd.docker.multiplexed-stream");
    expect(Buffer.from(answer.body, "latin1")).toEqual(encodeFrame("stderr", Buffer.from("plain\n")));
  });
});
