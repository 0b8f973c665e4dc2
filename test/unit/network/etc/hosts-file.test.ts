import { describe, expect, it } from "vitest";
import { parseExtraHost, renderHosts } from "../../../../src/network/etc/hosts-file.js";

const defaults = `127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::0\tip6-localnet
ff00::0\tip6-mcastprefix
ff02::1\tip6-allnodes
ff02::2\tip6-allrouters
`;

describe("renderHosts", () => {
  it("writes the loopback lines and the own address", () => {
    expect(renderHosts({ hostname: "0123456789ab", addresses: ["10.213.0.2"], extraHosts: [] })).toBe(
      `${defaults}10.213.0.2\t0123456789ab\n`,
    );
  });

  it("puts extra hosts and links before the own addresses, one line per address, with the domain", () => {
    expect(
      renderHosts({
        hostname: "web",
        domainname: "example.org",
        addresses: ["10.213.0.2", "10.213.1.5"],
        extraHosts: [
          { name: "db.local", ip: "192.168.1.9" },
          { name: "host.docker.internal", ip: "10.213.0.1" },
        ],
        links: [{ ip: "10.213.0.7", names: ["cache", "redis"] }],
      }),
    ).toBe(
      `${defaults}192.168.1.9\tdb.local
10.213.0.1\thost.docker.internal
10.213.0.7\tcache redis
10.213.0.2\tweb.example.org web
10.213.1.5\tweb.example.org web
`,
    );
  });

  it("writes no own line without an address (network none)", () => {
    expect(renderHosts({ hostname: "x", domainname: "", addresses: [], extraHosts: [] })).toBe(defaults);
  });
});

describe("parseExtraHost", () => {
  it.each([
    ["db:10.0.0.5", { name: "db", ip: "10.0.0.5" }],
    ["db=10.0.0.5", { name: "db", ip: "10.0.0.5" }],
    ["host.docker.internal:host-gateway", { name: "host.docker.internal", ip: "172.17.0.1" }],
    ["gw=host-gateway", { name: "gw", ip: "172.17.0.1" }],
    ["v6:::1", { name: "v6", ip: "::1" }],
    ["v6=[fe80::1]", { name: "v6", ip: "fe80::1" }],
  ])("%s", (text, expected) => {
    expect(parseExtraHost(text, "172.17.0.1")).toEqual(expected);
  });

  it.each([
    ["db", "expected name:ip or name=ip"],
    [":10.0.0.5", "the host name is empty or has spaces"],
    ["db:", '"" is not an IP address'],
    ["db:10.0.0.256", '"10.0.0.256" is not an IP address'],
    ["db=nothing", '"nothing" is not an IP address'],
  ])("rejects %j", (text, why) => {
    expect(() => parseExtraHost(text, "172.17.0.1")).toThrow(
      `invalid extra host ${JSON.stringify(text)}: ${why}`,
    );
  });
});
