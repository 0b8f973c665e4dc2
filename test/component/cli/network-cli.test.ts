import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliHarness, fixedClock, startCliHarness } from "./cli-harness.js";

let h: CliHarness;
beforeEach(async () => {
  h = await startCliHarness(fixedClock(Date.now() + 3 * 3_600_000));
});
afterEach(async () => {
  await h.close();
});

async function ok(args: string[], options: Parameters<CliHarness["berth"]>[1] = {}): Promise<string> {
  const run = await h.berth(args, options);
  expect(run.stderr, `berth ${args.join(" ")}`).toBe("");
  expect(run.status, `berth ${args.join(" ")}`).toBe(0);
  return run.stdout;
}

const net = (...args: string[]) => ["network", ...args];

describe("berth network create / ls / inspect", () => {
  it("create prints the id; ls shows docker's table sorted by name; -q and --no-trunc", async () => {
    const id = (await ok(net("create", "--label", "tier=back", "zeta"))).trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    await ok(net("create", "alpha"));
    const table = (await ok(net("ls"))).trimEnd().split("\n");
    expect(table[0]).toBe("NETWORK ID     NAME      DRIVER    SCOPE");
    expect(table.slice(1).map((line) => line.split(/ {3,}/)[1])).toEqual([
      "alpha",
      "bridge",
      "host",
      "none",
      "zeta",
    ]);
    expect(table[5]).toBe(`${id.slice(0, 12)}   zeta      bridge    local`);
    expect(await ok(net("ls", "-q", "--filter", "name=zeta"))).toBe(`${id.slice(0, 12)}\n`);
    expect(await ok(net("ls", "-q", "--no-trunc", "-f", "label=tier=back"))).toBe(`${id}\n`);
  });

  it("ls --format json and templates carry docker's fields", async () => {
    await ok(net("create", "--label", "b=2", "--label", "a=1", "zeta"));
    const json = (await ok(net("ls", "--format", "json", "-f", "name=zeta"))).trimEnd().split("\n");
    expect(json).toHaveLength(1);
    const row = JSON.parse(json[0] ?? "") as Record<string, string>;
    expect(row).toMatchObject({
      Name: "zeta",
      Driver: "bridge",
      Scope: "local",
      Labels: "a=1,b=2",
      IPv6: "false",
      Internal: "false",
    });
    expect(Object.keys(row)).toEqual([
      "CreatedAt",
      "Driver",
      "ID",
      "IPv4",
      "IPv6",
      "Internal",
      "Labels",
      "Name",
      "Scope",
    ]);
    expect(row.CreatedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/);
    expect(await ok(net("ls", "-f", "name=zeta", "--format", '{{.Name}}/{{.Label "a"}}'))).toBe("zeta/1\n");
    expect(await ok(net("ls", "-f", "name=zeta", "--format", "table {{.Name}}\\t{{.Driver}}"))).toBe(
      "NAME      DRIVER\nzeta      bridge\n",
    );
  });

  it("create sends subnet, gateway, range and options; inspect prints docker's JSON array", async () => {
    await ok(
      net(
        "create",
        "--subnet",
        "10.77.0.0/16",
        "--gateway",
        "10.77.0.1",
        "--internal",
        "--attachable",
        "-o",
        "k=v",
        "n1",
      ),
    );
    const [doc] = JSON.parse(await ok(net("inspect", "n1"))) as {
      Name: string;
      Internal: boolean;
      Attachable: boolean;
      IPAM: { Config: { Subnet: string; Gateway: string }[] };
    }[];
    expect(doc).toMatchObject({ Name: "n1", Internal: true, Attachable: true });
    expect(doc?.IPAM.Config[0]).toMatchObject({ Subnet: "10.77.0.0/16", Gateway: "10.77.0.1" });
    expect(await ok(net("inspect", "--format", "{{.Name}} {{.Driver}}", "n1", "bridge"))).toBe(
      "n1 bridge\nbridge bridge\n",
    );
  });

  it("inspect of a missing network prints what it found, the error, and exits 1", async () => {
    const run = await h.berth(net("inspect", "nope"));
    expect(run.stdout).toBe("[]\n");
    expect(run.stderr).toContain("network nope not found");
    expect(run.status).toBe(1);
  });

  it("create refuses bad values with docker's messages and status 1, before calling the engine", async () => {
    const cases: [string[], string][] = [
      [["--gateway", "10.6.0.1"], "every ip-range or gateway must have a corresponding subnet"],
      [["--subnet", "10.5.0.0/16", "--gateway", "10.6.0.1"], "no matching subnet for gateway 10.6.0.1"],
      [["--ipv6"], "IPv6 networks are not supported by berth"],
    ];
    for (const [flags, message] of cases) {
      const run = await h.berth(net("create", ...flags, "bad"));
      expect(run.stderr).toContain(message);
      expect(run.status).toBe(1);
    }
    expect((await h.berth(net("create", "zeta"))).status).toBe(0);
    const twice = await h.berth(net("create", "zeta"));
    expect(twice.stderr).toContain("already exists");
    expect(twice.status).toBe(1);
    expect(await ok(net("ls", "-q", "-f", "name=bad"))).toBe("");
  });
});

describe("berth network connect / disconnect / rm / prune", () => {
  it("connect and disconnect print nothing; rm refuses a network in use, then removes it", async () => {
    await ok(net("create", "n1"));
    await ok(["container", "run", "-d", "--name", "web", "busybox", "sleep", "60"]);
    expect(await ok(net("connect", "--alias", "a1", "n1", "web"))).toBe("");
    const busy = await h.berth(net("rm", "n1"));
    expect(busy.stdout).toBe("");
    expect(busy.stderr).toContain("has active endpoints");
    expect(busy.status).toBe(1);
    expect(await ok(net("disconnect", "-f", "n1", "web"))).toBe("");
    expect(await ok(net("rm", "n1"))).toBe("n1\n");
  });

  it("rm removes each name it can, reports the others, exits 1; -f ignores missing ones", async () => {
    await ok(net("create", "a"));
    await ok(net("create", "b"));
    const run = await h.berth(net("remove", "a", "missing", "b"));
    expect(run.stdout).toBe("a\nb\n");
    expect(run.stderr).toContain("network missing not found");
    expect(run.status).toBe(1);
    expect(await ok(net("rm", "-f", "missing"))).toBe("");
  });

  it("prune asks first (stdin answers), -f does not; prints docker's list", async () => {
    await ok(net("create", "a"));
    await ok(net("create", "b"));
    const warning =
      "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ";
    const no = await h.berth(net("prune"), { stdin: "n\n" });
    expect(no.stdout).toBe(warning);
    expect(no.status).toBe(0);
    expect(await ok(net("ls", "-q", "-f", "name=a"))).not.toBe("");
    const yes = await h.berth(net("prune"), { stdin: "y\n" });
    expect(yes.stdout).toBe(`${warning}Deleted Networks:\na\nb\n\n`);
    expect(await ok(net("prune", "-f"))).toBe("");
  });
});

describe("berth container run/create network flags, ps PORTS and port", () => {
  it("sends the flags in the create body as docker's CLI does", async () => {
    await ok(net("create", "n1"));
    await ok(net("create", "n2"));
    const flags = ["--network", "n1", "--network", "n2", "--network-alias", "al", "--ip", "10.0.0.5"];
    const more = [
      "-p",
      "127.0.0.1:8080:80/udp",
      "--expose",
      "3000",
      "--dns",
      "1.1.1.1",
      "--add-host",
      "gw:host-gateway",
    ];
    const id = (
      await ok(["container", "create", "--name", "c1", ...flags, ...more, "-h", "box", "busybox"])
    ).trim();
    const body = h.fixture.fake.containers.get(id)?.body;
    expect(body?.HostConfig).toMatchObject({
      NetworkMode: "n1",
      PortBindings: { "80/udp": [{ HostIp: "127.0.0.1", HostPort: "8080" }] },
      Dns: ["1.1.1.1"],
      ExtraHosts: ["gw:host-gateway"],
    });
    expect(body?.ExposedPorts).toEqual({ "3000/tcp": {}, "80/udp": {} });
    expect(body?.Hostname).toBe("box");
    expect(body?.NetworkingConfig).toEqual({
      EndpointsConfig: { n1: { IPAMConfig: { IPv4Address: "10.0.0.5" }, Aliases: ["al"] }, n2: {} },
    });
  });

  it("a bad flag value names the flag and exits 125 as docker run does", async () => {
    const run = await h.berth(["container", "run", "-d", "-p", "80:abc", "busybox"]);
    expect(run.stderr).toContain(
      'invalid argument "80:abc" for "-p, --publish" flag: invalid containerPort: abc',
    );
    expect(run.status).toBe(125);
    expect(h.fixture.fake.containers.size).toBe(0);
  });

  it("ps shows published ports with ranges collapsed; port lists the mappings", async () => {
    await ok([
      "container",
      "run",
      "-d",
      "--name",
      "web",
      "-p",
      "8000-8002:8000-8002",
      "-p",
      "127.0.0.1:5353:53/udp",
      "--expose",
      "9000",
      "busybox",
      "sleep",
      "60",
    ]);
    expect(await ok(["container", "ps", "--format", "{{.Ports}}"])).toBe(
      "0.0.0.0:8000-8002->8000-8002/tcp, 9000/tcp, 127.0.0.1:5353->53/udp\n",
    );
    expect(await ok(["container", "port", "web"])).toBe(
      "53/udp -> 127.0.0.1:5353\n8000/tcp -> 0.0.0.0:8000\n8001/tcp -> 0.0.0.0:8001\n8002/tcp -> 0.0.0.0:8002\n",
    );
    expect(await ok(["container", "port", "web", "8001"])).toBe("0.0.0.0:8001\n");
    const missing = await h.berth(["container", "port", "web", "9000"]);
    expect(missing.stderr).toContain("No public port '9000' published for web");
    expect(missing.status).toBe(1);
    const bad = await h.berth(["container", "port", "web", "abc"]);
    expect(bad.stderr).toContain("invalid port (abc)");
    expect(bad.status).toBe(1);
  });
});
