import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineEnv, engineEnv, eventually } from "./harness.js";
import { kernelLeftovers } from "./network-cli/kernel-leftovers.js";

// The real docker CLI (a client only) against an in-process berth engine on the real kernel: the
// network commands and `docker run -p` + `docker port`. Must fail, never skip, without `docker`.
const dockerPath = spawnSync("sh", ["-c", "command -v docker"], { encoding: "utf8" }).stdout.trim();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let env: EngineEnv;
let home: string;

function docker(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      dockerPath || "docker",
      args,
      {
        env: {
          PATH: process.env.PATH ?? "",
          DOCKER_HOST: `unix://${env.location.socketPath}`,
          DOCKER_CONFIG: home,
          HOME: home,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    ).stdin?.end();
  });
}

async function ok(args: string[]): Promise<string> {
  const run = await docker(args);
  expect(run.stderr, `docker ${args.join(" ")}`).toBe("");
  expect(run.code, `docker ${args.join(" ")}`).toBe(0);
  return run.stdout;
}

function httpGet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get({ host: "127.0.0.1", port, path: "/", timeout: 3000 }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve(body));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

describe("the docker CLI against a real berth engine: networks and published ports", () => {
  const networkIds: string[] = [];
  const containerIds: string[] = [];

  beforeAll(async () => {
    env = await engineEnv();
    home = mkdtempSync(join(tmpdir(), "berth-docker-home-"));
  }, 120_000);
  afterAll(async () => {
    rmSync(home, { recursive: true, force: true });
    await env?.finish();
    if (env) {
      expect(
        kernelLeftovers(env.location.instance, networkIds, containerIds),
        "kernel objects left behind",
      ).toEqual([]);
    }
  }, 120_000);

  it("finds the docker client on PATH (install docker.io's client if this fails)", () => {
    expect(dockerPath, "the `docker` CLI is not installed: this test needs the docker client").not.toBe("");
  });

  it("network create/ls/inspect, run -p 80 + port, connect/disconnect, rm (refused in use), prune", async () => {
    const front = (await ok(["network", "create", "--label", "tier=front", "front"])).trim();
    expect(front).toMatch(/^[0-9a-f]{64}$/);
    networkIds.push(front);
    const back = (await ok(["network", "create", "--internal", "back"])).trim();
    networkIds.push(back);

    const listed = (await ok(["network", "ls", "--format", "{{.Name}} {{.Driver}} {{.Scope}}"])).split("\n");
    expect(listed).toEqual(expect.arrayContaining(["front bridge local", "back bridge local"]));
    expect(await ok(["network", "ls", "-q", "--filter", "label=tier=front"])).toBe(`${front.slice(0, 12)}\n`);
    const [doc] = JSON.parse(await ok(["network", "inspect", "front"])) as {
      Id: string;
      Driver: string;
      Labels: Record<string, string>;
      IPAM: { Config: { Subnet: string; Gateway: string }[] };
    }[];
    expect(doc).toMatchObject({ Id: front, Driver: "bridge", Labels: { tier: "front" } });
    expect(doc?.IPAM.Config[0]?.Subnet).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    expect(await ok(["network", "inspect", "-f", "{{.Internal}}", "back"])).toBe("true\n");

    const script = "mkdir -p /www && echo hello-port > /www/index.html && exec httpd -f -p 80 -h /www";
    const web = (
      await ok([
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "front",
        "-p",
        "80",
        "busybox",
        "sh",
        "-c",
        script,
      ])
    ).trim();
    containerIds.push(web);
    const lines = (await ok(["port", "web", "80"])).trim().split("\n");
    const v4 = lines.find((line) => line.startsWith("0.0.0.0:"));
    expect(v4, lines.join("\n")).toMatch(/^0\.0\.0\.0:\d+$/);
    const hostPort = Number(v4?.split(":")[1]);
    expect(hostPort).toBeGreaterThan(0);
    expect(await ok(["port", "web"])).toContain(`80/tcp -> 0.0.0.0:${hostPort}`);
    const answer = await eventually(
      async () => (await httpGet(hostPort).catch(() => "")).includes("hello-port"),
      "httpd via the published port",
    );
    expect(answer).toBe(true);
    expect(await ok(["ps", "--format", "{{.Names}} {{.Ports}}"])).toContain(
      `web 0.0.0.0:${hostPort}->80/tcp`,
    );

    expect(await ok(["network", "connect", "--alias", "webby", "back", "web"])).toBe("");
    const networks = JSON.parse(
      await ok(["inspect", "-f", "{{json .NetworkSettings.Networks}}", "web"]),
    ) as Record<string, { Aliases: string[] | null; IPAddress: string }>;
    expect(Object.keys(networks).sort()).toEqual(["back", "front"]);
    expect(networks.back?.Aliases ?? []).toContain("webby");
    expect(networks.back?.IPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(await ok(["network", "inspect", "-f", "{{range .Containers}}{{.Name}}{{end}}", "back"])).toBe(
      "web\n",
    );
    expect(await ok(["network", "disconnect", "back", "web"])).toBe("");
    expect(
      await ok(["inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", "web"]),
    ).toBe("front \n");

    const busy = await docker(["network", "rm", "front"]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/active endpoints|in use/);
    expect((await ok(["rm", "-f", "web"])).trim()).toBe("web");
    expect(await ok(["network", "rm", "front"])).toBe("front\n");
    expect(await ok(["network", "prune", "-f"])).toBe("Deleted Networks:\nback\n\n");
    expect(await ok(["network", "ls", "-q", "--filter", "name=front"])).toBe("");
    expect(await ok(["network", "ls", "-q", "--filter", "name=back"])).toBe("");
  }, 240_000);
});
