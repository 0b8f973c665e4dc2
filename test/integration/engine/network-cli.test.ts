import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpGetText } from "./docker-cli.js";
import { type EngineEnv, engineEnv, eventually } from "./harness.js";
import { type CliRun, inProcessBerth } from "./network-cli/in-process-cli.js";
import { kernelLeftovers } from "./network-cli/kernel-leftovers.js";

// berth's own CLI (in this process) against a real in-process engine: the create bodies that the
// network flags of `container run` build are honoured by the engine, and `network …`/`port` work.

let env: EngineEnv;
let berth: (args: readonly string[]) => Promise<CliRun>;

async function ok(...args: string[]): Promise<string> {
  const run = await berth(args);
  expect(run.stderr, `berth ${args.join(" ")}`).toBe("");
  expect(run.status, `berth ${args.join(" ")}`).toBe(0);
  return run.stdout;
}

describe("berth network … and container run's network flags against a real engine", () => {
  const networkIds: string[] = [];
  const containerIds: string[] = [];

  beforeAll(async () => {
    env = await engineEnv();
    berth = inProcessBerth(env.location.socketPath);
  }, 120_000);
  afterAll(async () => {
    await env?.finish();
    if (env) {
      expect(
        kernelLeftovers(env.location.instance, networkIds, containerIds),
        "kernel objects left behind",
      ).toEqual([]);
    }
  }, 120_000);

  it("-p 127.0.0.1::80, --network-alias, -h/--domainname, --add-host, --dns-search; port, ps, connect, rm, prune", async () => {
    networkIds.push((await ok("network", "create", "--label", "t=1", "app")).trim());
    networkIds.push((await ok("network", "create", "spare")).trim());
    const script = "mkdir -p /www && echo hello-berth > /www/index.html && exec httpd -f -p 80 -h /www";
    const web = (
      await ok(
        "container",
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "app",
        "--network-alias",
        "site",
        "-p",
        "127.0.0.1::80",
        "-h",
        "webhost",
        "--domainname",
        "example.test",
        "--add-host",
        "gw:host-gateway",
        "--add-host",
        "pinned:10.1.2.3",
        "--dns-search",
        "search.test",
        "busybox",
        "sh",
        "-c",
        script,
      )
    ).trim();
    containerIds.push(web);

    const published = (await ok("container", "port", "web", "80")).trim();
    expect(published).toMatch(/^127\.0\.0\.1:\d+$/);
    const hostPort = Number(published.split(":")[1]);
    expect(await ok("container", "port", "web")).toBe(`80/tcp -> ${published}\n`);
    expect(await ok("container", "ps", "--format", "{{.Names}} {{.Ports}}")).toBe(
      `web ${published}->80/tcp\n`,
    );
    await eventually(
      async () => (await httpGetText(hostPort).catch(() => "")).includes("hello-berth"),
      "httpd",
    );

    const hosts = await ok("container", "exec", "web", "cat", "/etc/hosts");
    expect(hosts).toMatch(/^10\.1\.2\.3\s+pinned$/m);
    expect(hosts).toMatch(/^\d+\.\d+\.\d+\.\d+\s+gw$/m);
    expect(await ok("container", "exec", "web", "hostname")).toBe("webhost\n");
    expect(await ok("container", "exec", "web", "cat", "/etc/resolv.conf")).toMatch(/^search search\.test$/m);

    // Another container on the network reaches the alias through the network's DNS.
    // (a failed try's complaint is dropped: the stderr checked below must hold no warning of the CLI)
    const fetch =
      "for i in $(seq 1 100); do wget -q -O - http://site/ 2>/dev/null && exit 0; sleep 0.2; done; exit 1";
    const client = await berth([
      "container",
      "run",
      "--rm",
      "--network",
      "app",
      "busybox",
      "sh",
      "-c",
      fetch,
    ]);
    expect(client.stderr).toBe("");
    expect(client.stdout).toBe("hello-berth\n");
    expect(client.status).toBe(0);

    expect(await ok("network", "connect", "--alias", "other", "spare", "web")).toBe("");
    const networks = JSON.parse(
      await ok("container", "inspect", "-f", "{{json .NetworkSettings.Networks}}", "web"),
    ) as Record<string, { Aliases: string[] | null }>;
    expect(Object.keys(networks).sort()).toEqual(["app", "spare"]);
    expect(networks.spare?.Aliases ?? []).toContain("other");
    expect(await ok("network", "disconnect", "spare", "web")).toBe("");

    const busy = await berth(["network", "rm", "app"]);
    expect(busy.status).toBe(1);
    expect(busy.stderr).toMatch(/active endpoints|in use/);
    await ok("container", "rm", "-f", "web");
    expect(await ok("network", "rm", "app")).toBe("app\n");
    expect(await ok("network", "prune", "-f")).toBe("Deleted Networks:\nspare\n\n");
    expect(await ok("network", "ls", "--format", "{{.Name}}")).not.toMatch(/^(app|spare)$/m);
  }, 240_000);
});
