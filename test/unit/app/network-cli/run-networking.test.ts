import { describe, expect, it } from "vitest";
import { type RunNetworkFlags, runNetworking } from "../../../../src/app/networks/run-networking.js";

const none: RunNetworkFlags = {
  network: [],
  networkAlias: [],
  publish: [],
  expose: [],
  dns: [],
  dnsSearch: [],
  dnsOption: [],
  addHost: [],
  link: [],
};
const run = (flags: Partial<RunNetworkFlags>) => runNetworking({ ...none, ...flags });

// Expected bodies are what Docker's CLI 28 sends for the same flags (recorded against a stub server).
describe("runNetworking: flags → create body as Docker's CLI sends it", () => {
  it("no network flags: nothing set (the engine's default network)", () => {
    expect(run({})).toEqual({ config: {}, host: {} });
  });

  it("one network without endpoint settings: NetworkMode only", () => {
    expect(run({ network: ["n1"] })).toEqual({ config: {}, host: { NetworkMode: "n1" } });
    for (const mode of ["host", "none", "container:abc", "bridge"]) {
      expect(run({ network: [mode] }).host.NetworkMode).toBe(mode);
    }
  });

  it("endpoint flags go to the first network; extra networks get endpoints of their own", () => {
    const out = run({
      network: ["n1", "n2"],
      networkAlias: ["al"],
      ip: "10.0.0.5",
      macAddress: "02:42:ac:11:00:02",
      link: ["foo:bar"],
    });
    expect(out.host).toEqual({ NetworkMode: "n1", Links: ["foo:bar"] });
    expect(out.networking).toEqual({
      EndpointsConfig: {
        n1: {
          IPAMConfig: { IPv4Address: "10.0.0.5" },
          Links: ["foo:bar"],
          Aliases: ["al"],
          MacAddress: "02:42:ac:11:00:02",
        },
        n2: {},
      },
    });
  });

  it("advanced --network syntax sets per-network settings", () => {
    const out = run({ network: ["name=n1,alias=x,ip=10.0.0.3,driver-opt=k=v,gw-priority=5", "n2"] });
    expect(out.networking?.EndpointsConfig).toEqual({
      n1: { IPAMConfig: { IPv4Address: "10.0.0.3" }, Aliases: ["x"], DriverOpts: { k: "v" }, GwPriority: 5 },
      n2: {},
    });
  });

  it("endpoint flags without --network go to the default network; links stay in HostConfig", () => {
    expect(run({ macAddress: "02:42:ac:11:00:02" })).toEqual({
      config: {},
      host: { NetworkMode: "default" },
      networking: { EndpointsConfig: { default: { MacAddress: "02:42:ac:11:00:02" } } },
    });
    expect(run({ link: ["foo"] })).toEqual({ config: {}, host: { Links: ["foo"] } });
    expect(run({ network: ["bridge"], link: ["a:b"] })).toEqual({
      config: {},
      host: { NetworkMode: "bridge", Links: ["a:b"] },
    });
  });

  it("ports: ExposedPorts and PortBindings with sorted keys, -P, --expose", () => {
    const out = run({
      publish: ["8080:80", "127.0.0.1:8081:81/udp", "8000-8001:90-91", "70", "127.0.0.1::60", "8081:80"],
      expose: ["3000", "4000-4001/udp"],
      publishAll: true,
    });
    expect(Object.keys(out.config.ExposedPorts ?? {})).toEqual([
      "3000/tcp",
      "4000/udp",
      "4001/udp",
      "60/tcp",
      "70/tcp",
      "80/tcp",
      "81/udp",
      "90/tcp",
      "91/tcp",
    ]);
    expect(out.host.PortBindings).toEqual({
      "60/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }],
      "70/tcp": [{ HostIp: "", HostPort: "" }],
      "80/tcp": [
        { HostIp: "", HostPort: "8080" },
        { HostIp: "", HostPort: "8081" },
      ],
      "81/udp": [{ HostIp: "127.0.0.1", HostPort: "8081" }],
      "90/tcp": [{ HostIp: "", HostPort: "8000" }],
      "91/tcp": [{ HostIp: "", HostPort: "8001" }],
    });
    expect(out.host.PublishAllPorts).toBe(true);
  });

  it("DNS, hosts, hostname and domain name", () => {
    const out = run({
      dns: ["1.1.1.1", "::1"],
      dnsSearch: ["ex.com", "."],
      dnsOption: ["ndots:2"],
      addHost: ["a:1.2.3.4", "b=5.6.7.8", "gw:host-gateway", "v6:::1", "w=[::2]"],
      hostname: "myhost",
      domainname: "ex.org",
    });
    expect(out.config).toEqual({ Hostname: "myhost", Domainname: "ex.org" });
    expect(out.host).toEqual({
      Dns: ["1.1.1.1", "::1"],
      DnsSearch: ["ex.com", "."],
      DnsOptions: ["ndots:2"],
      ExtraHosts: ["a:1.2.3.4", "b:5.6.7.8", "gw:host-gateway", "v6:::1", "w:::2"],
    });
  });

  it.each<[Partial<RunNetworkFlags>, string]>([
    [{ networkAlias: ["x"] }, "network-scoped aliases are only supported for user-defined networks"],
    [
      { network: ["bridge"], networkAlias: ["x"] },
      "network-scoped aliases are only supported for user-defined networks",
    ],
    [{ network: ["none", "n1"] }, "cannot attach both user-defined and non-user-defined network-modes"],
    [{ network: ["n1", "n1"] }, 'network "n1" is specified multiple times'],
    [
      { network: ["name=n1,alias=a"], networkAlias: ["b"] },
      "cannot specify both --network-alias and per-network alias",
    ],
    [{ network: ["name=n1,color=red"] }, "invalid field key color"],
    [{ network: ["n1"], ip: "abc" }, 'invalid argument "abc" for "--ip" flag: invalid IPv4 address'],
    [
      { macAddress: "xyz" },
      'invalid argument "xyz" for "--mac-address" flag: xyz is not a valid mac address',
    ],
    [{ addHost: ["foo"] }, 'invalid argument "foo" for "--add-host" flag: bad format for add-host: "foo"'],
    [{ addHost: ["foo:bar"] }, 'invalid IP address in add-host: "bar"'],
    [{ addHost: [":1.1.1.1"] }, "bad format for add-host"],
    [{ dns: ["abc"] }, 'invalid argument "abc" for "--dns" flag: IP address is not correctly formatted: abc'],
    [{ dnsSearch: ["a..b"] }, 'invalid argument "a..b" for "--dns-search" flag: a..b is not a valid domain'],
    [{ link: ["a:b:c"] }, 'invalid argument "a:b:c" for "--link" flag: bad format for links: a:b:c'],
    [{ publish: ["80/xyz"] }, 'invalid argument "80/xyz" for "-p, --publish" flag: invalid proto: xyz'],
  ])("refuses %j", (flags, message) => {
    expect(() => run(flags)).toThrow(message);
  });
});
