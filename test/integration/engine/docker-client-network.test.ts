import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DockerCli, dockerCli, dockerPath, httpGetText } from "./docker-cli.js";
import { type EngineEnv, engineEnv, eventually } from "./harness.js";
import { kernelLeftovers } from "./network-cli/kernel-leftovers.js";

// The real docker CLI (a client only) against an in-process berth engine on the real kernel: the
// network commands and `docker run -p` + `docker port`. Must fail, never skip, without `docker`.

let env: EngineEnv;
let cli: DockerCli;

describe("the docker CLI against a real berth engine: networks and published ports", () => {
  const networkIds: string[] = [];
  const containerIds: string[] = [];

  beforeAll(async () => {
    env = await engineEnv();
    cli = dockerCli(env.location.socketPath);
  }, 120_000);
  afterAll(async () => {
    cli?.dispose();
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
    const front = (await cli.ok(["network", "create", "--label", "tier=front", "front"])).trim();
    expect(front).toMatch(/^[0-9a-f]{64}$/);
    networkIds.push(front);
    const back = (await cli.ok(["network", "create", "--internal", "back"])).trim();
    networkIds.push(back);

    const listed = (await cli.ok(["network", "ls", "--format", "{{.Name}} {{.Driver}} {{.Scope}}"])).split(
      "\n",
    );
    expect(listed).toEqual(expect.arrayContaining(["front bridge local", "back bridge local"]));
    expect(await cli.ok(["network", "ls", "-q", "--filter", "label=tier=front"])).toBe(
      `${front.slice(0, 12)}\n`,
    );
    const [doc] = JSON.parse(await cli.ok(["network", "inspect", "front"])) as {
      Id: string;
      Driver: string;
      Labels: Record<string, string>;
      IPAM: { Config: { Subnet: string; Gateway: string }[] };
    }[];
    expect(doc).toMatchObject({ Id: front, Driver: "bridge", Labels: { tier: "front" } });
    expect(doc?.IPAM.Config[0]?.Subnet).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    expect(await cli.ok(["network", "inspect", "-f", "{{.Internal}}", "back"])).toBe("true\n");

    const script = "mkdir -p /www && echo hello-port > /www/index.html && exec httpd -f -p 80 -h /www";
    const web = (
      await cli.ok([
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
    const lines = (await cli.ok(["port", "web", "80"])).trim().split("\n");
    const v4 = lines.find((line) => line.startsWith("0.0.0.0:"));
    expect(v4, lines.join("\n")).toMatch(/^0\.0\.0\.0:\d+$/);
    const hostPort = Number(v4?.split(":")[1]);
    expect(hostPort).toBeGreaterThan(0);
    expect(await cli.ok(["port", "web"])).toContain(`80/tcp -> 0.0.0.0:${hostPort}`);
    const answer = await eventually(
      async () => (await httpGetText(hostPort).catch(() => "")).includes("hello-port"),
      "httpd via the published port",
    );
    expect(answer).toBe(true);
    expect(await cli.ok(["ps", "--format", "{{.Names}} {{.Ports}}"])).toContain(
      `web 0.0.0.0:${hostPort}->80/tcp`,
    );

    expect(await cli.ok(["network", "connect", "--alias", "webby", "back", "web"])).toBe("");
    const networks = JSON.parse(
      await cli.ok(["inspect", "-f", "{{json .NetworkSettings.Networks}}", "web"]),
    ) as Record<string, { Aliases: string[] | null; IPAddress: string }>;
    expect(Object.keys(networks).sort()).toEqual(["back", "front"]);
    expect(networks.back?.Aliases ?? []).toContain("webby");
    expect(networks.back?.IPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(await cli.ok(["network", "inspect", "-f", "{{range .Containers}}{{.Name}}{{end}}", "back"])).toBe(
      "web\n",
    );
    expect(await cli.ok(["network", "disconnect", "back", "web"])).toBe("");
    expect(
      await cli.ok(["inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", "web"]),
    ).toBe("front \n");

    const busy = await cli.run(["network", "rm", "front"]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/active endpoints|in use/);
    expect((await cli.ok(["rm", "-f", "web"])).trim()).toBe("web");
    expect(await cli.ok(["network", "rm", "front"])).toBe("front\n");
    expect(await cli.ok(["network", "prune", "-f"])).toBe("Deleted Networks:\nback\n\n");
    expect(await cli.ok(["network", "ls", "-q", "--filter", "name=front"])).toBe("");
    expect(await cli.ok(["network", "ls", "-q", "--filter", "name=back"])).toBe("");
  }, 240_000);
});
