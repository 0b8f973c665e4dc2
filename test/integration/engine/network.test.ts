import { createServer, type Server } from "node:http";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpGetText } from "./docker-cli.js";
import { type EngineEnv, engineEnv } from "./harness.js";

/** A non-loopback IPv4 address of the host that is not on a berth bridge. */
function hostAddress(): string {
  for (const [name, list] of Object.entries(networkInterfaces())) {
    if (name.startsWith("berth") || name.startsWith("docker") || name.startsWith("br-")) continue;
    const found = list?.find((a) => a.family === "IPv4" && !a.internal);
    if (found) return found.address;
  }
  throw new Error("no host address");
}

// Servers just started (httpd in a new container, a new endpoint's DNS name) may take seconds to answer
// on a loaded machine: the loops below try for ~20 s (more when each try itself is slow).
/** A shell loop that retries `cmd` and exits 0 once it succeeds. */
const retry = (cmd: string) => `for i in $(seq 1 100); do ${cmd} && exit 0; sleep 0.2; done; exit 1`;
/** Retries `cmd` and goes on either way (its output shows whether it worked). */
const tryFor = (cmd: string) => `for i in $(seq 1 100); do ${cmd} && break; sleep 0.2; done`;
const httpd = (text: string) => [
  "sh",
  "-c",
  `mkdir -p /www && echo ${text} > /www/index.html && exec httpd -f -p 8080 -h /www`,
];

describe("engine networks on the real kernel (bridges, veths, DNS, nftables)", () => {
  let env: EngineEnv;
  let hostServer: Server;
  let hostPort = 0;
  const ids: Record<string, string> = {};
  const ipOf = async (name: string, network: string) => {
    const inspect = (await env.api.ok("GET", `/containers/${name}/json`)) as {
      NetworkSettings: { Networks: Record<string, { IPAddress: string }> };
    };
    return inspect.NetworkSettings.Networks[network]?.IPAddress ?? "";
  };
  const start = async (name: string, body: Record<string, unknown>) => {
    ids[name] = await env.api.create(name, body);
    await env.api.ok("POST", `/containers/${ids[name]}/start`);
  };
  const sh = (name: string, script: string, extra: Record<string, unknown> = {}) =>
    env.api.run(name, { Cmd: ["sh", "-c", script], ...extra });

  beforeAll(async () => {
    env = await engineEnv();
    hostServer = createServer((_req, res) => res.end("from-host\n"));
    await new Promise<void>((resolve) => hostServer.listen(0, "0.0.0.0", resolve));
    hostPort = (hostServer.address() as { port: number }).port;
    await env.api.ok("POST", "/networks/create", { Name: "app", Labels: { t: "1" } });
    await env.api.ok("POST", "/networks/create", { Name: "other" });
    await start("web", {
      Cmd: httpd("hello-web"),
      HostConfig: { NetworkMode: "app", PortBindings: { "8080/tcp": [{ HostPort: "" }] } },
      NetworkingConfig: { EndpointsConfig: { app: { Aliases: ["site"] } } },
    });
    for (const n of [1, 2, 3]) {
      await start(`rr${n}`, {
        Cmd: ["sleep", "600"],
        HostConfig: { NetworkMode: "app" },
        NetworkingConfig: { EndpointsConfig: { app: { Aliases: ["rr"] } } },
      });
    }
  }, 240_000);
  afterAll(async () => {
    hostServer?.close();
    await env?.finish();
  }, 240_000);

  it("two containers on a user network talk by container name and by alias", async () => {
    const result = await sh(
      "client1",
      `${tryFor("timeout 5 wget -q -O- http://web:8080/")}; timeout 5 wget -q -O- http://site:8080/`,
      { HostConfig: { NetworkMode: "app" } },
    );
    expect(result).toMatchObject({ code: 0, stdout: "hello-web\nhello-web\n" });
  });

  it("an alias of three replicas resolves to all three addresses", async () => {
    const expected = (await Promise.all([1, 2, 3].map((n) => ipOf(`rr${n}`, "app")))).sort();
    const result = await sh("client2", "for i in 1 2 3 4; do nslookup rr; done", {
      HostConfig: { NetworkMode: "app" },
    });
    const seen = [...new Set(result.stdout.match(/\d+\.\d+\.\d+\.\d+/g) ?? [])].filter((ip) =>
      expected.includes(ip),
    );
    expect(seen.sort()).toEqual(expected);
    const firsts = result.stdout
      .split(/Name:\s+rr/)
      .slice(1)
      .map((block) => /Address:\s*(\d+\.\d+\.\d+\.\d+)/.exec(block)?.[1]);
    expect(new Set(firsts).size, `first answers of 4 lookups: ${firsts.join(" ")}`).toBeGreaterThan(1);
  });

  it("a container on another network can neither resolve nor reach them", async () => {
    const webIp = await ipOf("web", "app");
    const result = await sh(
      "outsider",
      `nslookup web >/dev/null 2>&1 && echo resolved; timeout 5 wget -q -O- http://${webIp}:8080/ || echo unreachable`,
      { HostConfig: { NetworkMode: "other" } },
    );
    expect(result.stdout).toBe("unreachable\n");
  });

  it("a published port answers on 127.0.0.1 and on the host's own address (random host port)", async () => {
    const inspect = (await env.api.ok("GET", "/containers/web/json")) as {
      NetworkSettings: { Ports: Record<string, { HostIp: string; HostPort: string }[] | null> };
    };
    const port = Number(inspect.NetworkSettings.Ports["8080/tcp"]?.[0]?.HostPort);
    expect(port).toBeGreaterThan(1024);
    expect(await httpGetText(port, "127.0.0.1")).toBe("hello-web\n");
    expect(await httpGetText(port, hostAddress())).toBe("hello-web\n");
    const list = (await env.api.ok("GET", "/containers/json?filters=%7B%22name%22%3A%5B%22web%22%5D%7D")) as {
      Ports: { PrivatePort: number; PublicPort: number }[];
    }[];
    expect(list[0]?.Ports).toEqual([{ IP: "0.0.0.0", PrivatePort: 8080, PublicPort: port, Type: "tcp" }]);
  });

  it("connect and disconnect a running container", async () => {
    await start("roam", { Cmd: ["sleep", "600"], HostConfig: { NetworkMode: "other" } });
    const exec = async (script: string) => {
      const created = await env.api.ok<{ Id: string }>("POST", "/containers/roam/exec", {
        Cmd: ["sh", "-c", script],
        AttachStdout: true,
        AttachStderr: true,
      });
      await env.api.call("POST", `/exec/${created.Id}/start`, { Detach: false, Tty: false });
      return (await env.api.ok<{ ExitCode: number }>("GET", `/exec/${created.Id}/json`)).ExitCode;
    };
    expect(await exec("timeout 5 wget -q -O- http://web:8080/")).not.toBe(0);
    await env.api.ok("POST", "/networks/app/connect", { Container: "roam" });
    expect(await exec(retry("timeout 5 wget -q -O- http://web:8080/"))).toBe(0);
    expect(await exec("grep -c . /etc/hosts >/dev/null && ip -o -4 addr show eth1 | grep -q inet")).toBe(0);
    await env.api.ok("POST", "/networks/app/disconnect", { Container: "roam" });
    expect(await exec("ip link show eth1 >/dev/null 2>&1")).not.toBe(0);
    expect(await exec("timeout 5 wget -q -O- http://web:8080/")).not.toBe(0);
    await env.api.ok("DELETE", "/containers/roam?force=1");
  });

  it("network rm is refused while in use (naming the users); prune removes unused networks only", async () => {
    const refused = await env.api.call("DELETE", "/networks/app");
    expect(refused.status).toBe(409);
    expect((refused.json as { message: string }).message).toContain('name:"web"');
    expect((await env.api.call("DELETE", "/networks/bridge")).status).toBe(403);
    await env.api.ok("POST", "/networks/create", { Name: "unused" });
    const pruned = await env.api.ok<{ NetworksDeleted: string[] }>("POST", "/networks/prune");
    expect(pruned.NetworksDeleted).toContain("unused");
    expect(pruned.NetworksDeleted).not.toContain("app");
  });

  it("the default bridge: names only through /etc/hosts (links), outbound to the host's address works", async () => {
    await start("base", { Cmd: httpd("on-default") });
    const result = await sh(
      "linked",
      [
        "grep -qw db /etc/hosts && echo hosts-entry",
        "nslookup base >/dev/null 2>&1 && echo dns-resolved",
        tryFor("timeout 5 wget -q -O- http://db:8080/"),
        `timeout 5 wget -q -O- http://${hostAddress()}:${hostPort}/`,
      ].join("; "),
      { HostConfig: { Links: ["base:db"] } },
    );
    expect(result.stdout).toBe("hosts-entry\non-default\nfrom-host\n");
    const inspect = (await env.api.ok("GET", "/containers/base/json")) as {
      HostConfig: { NetworkMode: string };
    };
    expect(inspect.HostConfig.NetworkMode).toBe("bridge");
  });

  it("an internal network has no way out", async () => {
    await env.api.ok("POST", "/networks/create", { Name: "closed", Internal: true });
    const result = await sh(
      "inside",
      `timeout 5 wget -q -O- http://${hostAddress()}:${hostPort}/ || echo blocked`,
      { HostConfig: { NetworkMode: "closed" } },
    );
    expect(result.stdout).toBe("blocked\n");
  });
});
