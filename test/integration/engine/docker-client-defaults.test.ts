import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DockerCli, dockerCli, httpGetText } from "./docker-cli.js";
import { type EngineEnv, engineEnv, eventually } from "./harness.js";
import { inProcessBerth } from "./network-cli/in-process-cli.js";

// What Docker's CLI sends for a run without --network (NetworkMode "default" and an EndpointsConfig
// entry named "default") and for `-p 0:80` (HostPort "0": a free port), against a real engine; and
// berth's CLI sending endpoint settings without --network the same way. Must fail, never skip, without `docker`.

let env: EngineEnv;
let cli: DockerCli;

describe("docker run on the default network with -p 0:80, and berth's endpoint flags without --network", () => {
  beforeAll(async () => {
    env = await engineEnv();
    cli = dockerCli(env.location.socketPath);
  }, 120_000);
  afterAll(async () => {
    cli?.dispose();
    await env?.finish();
  }, 120_000);

  it("docker run -d -p 0:80 (no --network) publishes a free port; docker port names it", async () => {
    const script = "mkdir -p /www && echo hello-default > /www/index.html && exec httpd -f -p 80 -h /www";
    await cli.ok(["run", "-d", "--name", "plain", "-p", "0:80", "busybox", "sh", "-c", script]);
    const v4 = (await cli.ok(["port", "plain", "80"]))
      .split("\n")
      .find((line) => line.startsWith("0.0.0.0:"));
    expect(v4).toMatch(/^0\.0\.0\.0:\d+$/);
    const hostPort = Number(v4?.split(":")[1]);
    expect(hostPort).toBeGreaterThan(0);
    await eventually(
      async () => (await httpGetText(hostPort).catch(() => "")).includes("hello-default"),
      "httpd",
    );
    expect(
      await cli.ok(["inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}", "plain"]),
    ).toBe("bridge\n");
    await cli.ok(["rm", "-f", "plain"]);
  }, 120_000);

  it("berth container run --mac-address (no --network) sets eth0's MAC on the default network", async () => {
    const berth = inProcessBerth(env.location.socketPath);
    const mac = "02:42:ac:11:00:09";
    const run = await berth([
      "container",
      "run",
      "-d",
      "--name",
      "mac",
      "--mac-address",
      mac,
      "busybox",
      "sleep",
      "600",
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const shown = await berth(["container", "exec", "mac", "cat", "/sys/class/net/eth0/address"]);
    expect(shown.stdout).toBe(`${mac}\n`);
    expect((await berth(["container", "rm", "-f", "mac"])).status).toBe(0);
  }, 120_000);
});
