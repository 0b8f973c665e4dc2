import { describe, expect, it } from "vitest";
import { normalizePortEntry, parsePortSpec } from "../../../../src/compose/normalize/ports.js";

describe("parsePortSpec", () => {
  const cases: [string, unknown[]][] = [
    ["80", [{ mode: "ingress", target: 80, protocol: "tcp" }]],
    ["8080:80", [{ mode: "ingress", target: 80, published: "8080", protocol: "tcp" }]],
    [
      "127.0.0.1:8080:80/udp",
      [{ mode: "ingress", host_ip: "127.0.0.1", target: 80, published: "8080", protocol: "udp" }],
    ],
    ["127.0.0.1::80", [{ mode: "ingress", host_ip: "127.0.0.1", target: 80, protocol: "tcp" }]],
    ["[::1]:8080:80", [{ mode: "ingress", host_ip: "::1", target: 80, published: "8080", protocol: "tcp" }]],
    ["::1:8080:80", [{ mode: "ingress", host_ip: "::1", target: 80, published: "8080", protocol: "tcp" }]],
    ["53:53/UDP", [{ mode: "ingress", target: 53, published: "53", protocol: "udp" }]],
    [
      "3000-3002:3000-3002",
      [
        { mode: "ingress", target: 3000, published: "3000", protocol: "tcp" },
        { mode: "ingress", target: 3001, published: "3001", protocol: "tcp" },
        { mode: "ingress", target: 3002, published: "3002", protocol: "tcp" },
      ],
    ],
    ["8000-8010:80", [{ mode: "ingress", target: 80, published: "8000-8010", protocol: "tcp" }]],
    [
      // compose sorts expanded ports by their "port/proto" text
      "9-10",
      [
        { mode: "ingress", target: 10, protocol: "tcp" },
        { mode: "ingress", target: 9, protocol: "tcp" },
      ],
    ],
  ];
  it.each(cases)("%s", (spec, expected) => {
    expect(parsePortSpec(spec)).toEqual(expected);
    expect(JSON.stringify(parsePortSpec(spec))).toBe(JSON.stringify(expected));
  });

  it.each([["abc"], ["1-3:1-2"], ["999.1.1.1:80:80"], ["70000"]])("rejects %s", (spec) => {
    expect(() => parsePortSpec(spec)).toThrow();
  });
});

describe("normalizePortEntry", () => {
  it("turns a YAML number into a long entry", () => {
    expect(normalizePortEntry(8080)).toEqual([{ mode: "ingress", target: 8080, protocol: "tcp" }]);
  });
  it("fills mode and protocol of the long syntax and renders published as a string", () => {
    expect(normalizePortEntry({ target: 80, published: 8080, host_ip: "0.0.0.0" })).toEqual([
      { mode: "ingress", host_ip: "0.0.0.0", target: 80, published: "8080", protocol: "tcp" },
    ]);
  });
  it("keeps an explicit mode, protocol, name and app_protocol", () => {
    expect(
      normalizePortEntry({ name: "web", target: "80", mode: "host", protocol: "udp", app_protocol: "http" }),
    ).toEqual([{ name: "web", mode: "host", target: 80, protocol: "udp", app_protocol: "http" }]);
  });
});
