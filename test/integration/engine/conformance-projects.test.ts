import { createSocket } from "node:dgram";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEngine, startEngine } from "../../../src/engine/daemon/start-engine.js";
import { commandSpecialFiles, ImageStore } from "../../../src/image/index.js";
import { execaRunner } from "../../../src/platform/execa-runner.js";
import { ensureConformanceImages } from "../../support/node-stand-in-image.js";
import { Api } from "./api.js";
import { downStack, type Stack, upStack } from "./compose-stack.js";
import { addBusybox, cleanupAndCheck, type EngineLocation, eventually, freshLocation } from "./harness.js";

// The compose-spec conformance projects (../shared/conformance/compose-spec-conformance-tests), run
// through the engine's API with stand-ins for the upstream helper images (node scripts on busybox:
// test/support/conformance-stand-ins). Each case checks what SOURCES.md restates from the upstream
// compliance tests. Published ports of the files (8080, 10001) are mapped to free host ports, since
// test files run in parallel on one host.

const casesDir = join(
  import.meta.dirname,
  "../../../../shared/conformance/compose-spec-conformance-tests/tests",
);

let location: EngineLocation;
let engine: RunningEngine;
let api: Api;

beforeAll(async () => {
  location = freshLocation("berth-conf-");
  await addBusybox(location.root);
  await ensureConformanceImages(
    new ImageStore({ root: location.root, specials: commandSpecialFiles(execaRunner()) }),
  );
  engine = await startEngine(location);
  api = new Api(engine.socketPath);
}, 180_000);

afterAll(async () => {
  await cleanupAndCheck(location, api, engine);
}, 180_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "0.0.0.0", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function httpGet(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: "127.0.0.1", port, path, timeout: 10_000 }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on("error", reject);
  });
}

function udpRoundTrip(port: number, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error("no UDP answer"));
    }, 2000);
    socket.on("message", (answer) => {
      clearTimeout(timer);
      socket.close();
      resolve(answer.toString("utf8"));
    });
    socket.send(message, port, "127.0.0.1");
  });
}

/** Copies a case to a temp dir with its payload files (not copied upstream), brings it up. */
async function up(name: string): Promise<{ stack: Stack; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `berth-conf-${name}-`));
  cpSync(join(casesDir, name), dir, { recursive: true });
  for (const payload of ["test_volume.txt", "test_secret.txt", "test_config.txt"]) {
    writeFileSync(join(dir, payload), `payload of ${payload}\n`);
  }
  const stack = await upStack(api, {
    file: join(dir, "compose.yaml"),
    projectName: `conf-${name.replace(/_/g, "-")}`,
    publish: () => freePort(),
  });
  return { stack, dir };
}

async function down(stack: Stack, dir: string): Promise<void> {
  await downStack(api, stack);
  const filters = encodeURIComponent(
    JSON.stringify({ label: [`com.docker.compose.project=${stack.project.name}`] }),
  );
  expect(await api.ok<unknown[]>("GET", `/containers/json?all=1&filters=${filters}`)).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
}

function port(stack: Stack, key: string): number {
  const found = stack.hostPorts.get(key);
  if (!found) throw new Error(`no host port for ${key}`);
  return found;
}

async function serving(hostPort: number): Promise<void> {
  await eventually(
    async () => (await httpGet(hostPort, "/health").catch(() => undefined))?.status === 200,
    "the server",
    30_000,
  );
}

describe("compose-spec conformance projects", () => {
  it("simple_lifecycle: up runs the service, down leaves no container behind", async () => {
    const { stack, dir } = await up("simple_lifecycle");
    const [id] = stack.containers.get("test1") ?? [];
    expect((await api.inspect(id ?? "")).State.Status).toBe("running");
    await down(stack, dir);
  });

  it("simple_network: entry reaches target:8080 by service name; an unknown host fails", async () => {
    const { stack, dir } = await up("simple_network");
    const entry = port(stack, "entry:8080/tcp");
    await serving(entry);
    await eventually(
      async () => (await httpGet(entry, "/ping?address=target:8080")).status === 200,
      "target by name",
    );
    expect((await httpGet(entry, "/ping?address=unknown-host:8080")).status).toBe(502);
    await down(stack, dir);
  });

  it("different_networks: entry can neither resolve nor reach target on another network", async () => {
    const { stack, dir } = await up("different_networks");
    const entry = port(stack, "entry:8080/tcp");
    await serving(entry);
    const byName = await httpGet(entry, "/ping?address=target:8080");
    expect(byName.status, byName.text).toBe(502);
    const [targetId] = stack.containers.get("target") ?? [];
    const inspect = await api.ok<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>(
      "GET",
      `/containers/${targetId}/json`,
    );
    const targetIp = Object.values(inspect.NetworkSettings.Networks)[0]?.IPAddress;
    expect(targetIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const byIp = await httpGet(entry, `/ping?address=${targetIp}:8080`);
    expect(byIp.status, byIp.text).toBe(502);
    await down(stack, dir);
  });

  for (const [name, file] of [
    ["simple_volume", "/volumes/test_volume.txt"],
    ["simple_secretfile", "/volumes/test_secret.txt"],
    ["simple_configfile", "/volumes/test_config.txt"],
  ] as const) {
    it(`${name}: the file is readable in the container at ${file}`, async () => {
      const { stack, dir } = await up(name);
      const entry = port(stack, "entry:8080/tcp");
      await serving(entry);
      const answer = await httpGet(entry, `/read?path=${encodeURIComponent(file)}`);
      expect(answer).toEqual({ status: 200, text: `payload of ${file.split("/").pop()}\n` });
      await down(stack, dir);
    });
  }

  it("udp_port: a long-syntax UDP publish (mode host) answers", async () => {
    const { stack, dir } = await up("udp_port");
    await serving(port(stack, "entry:8080/tcp"));
    const udp = port(stack, "entry:10001/udp");
    const answer = await eventually(() => udpRoundTrip(udp, "hello").catch(() => undefined), "a UDP answer");
    expect(answer).toBe("echo:hello");
    await down(stack, dir);
  });

  it("scaling: deploy.replicas 3 gives 3 clients registered with the server", async () => {
    const { stack, dir } = await up("scaling");
    expect(stack.containers.get("client")).toHaveLength(3);
    const server = port(stack, "server:8080/tcp");
    await serving(server);
    const names = await eventually(async () => {
      const list = JSON.parse((await httpGet(server, "/clients")).text) as string[];
      return list.length === 3 ? list : undefined;
    }, "three registered clients");
    expect(names).toEqual(["conf-scaling-client-1", "conf-scaling-client-2", "conf-scaling-client-3"]);
    await down(stack, dir);
  });
});
