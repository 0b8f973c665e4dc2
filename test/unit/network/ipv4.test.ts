import { describe, expect, it } from "vitest";
import {
  cidrContains,
  cidrHosts,
  cidrSize,
  cidrsOverlap,
  formatIpv4,
  isIpv4,
  normalizeCidr,
  parseCidr,
  parseIpv4,
} from "../../../src/network/ipv4.js";
import { BerthError } from "../../../src/shared/errors.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error: unknown) {
    return error instanceof BerthError ? error.code : "foreign";
  }
  return undefined;
}

describe("parseIpv4 / formatIpv4", () => {
  it.each([
    ["0.0.0.0", 0],
    ["10.213.0.1", 0x0ad50001],
    ["127.0.0.1", 0x7f000001],
    ["255.255.255.255", 0xffffffff],
    ["192.168.1.254", 0xc0a801fe],
  ])("%s ⇄ %d", (text, value) => {
    expect(parseIpv4(text)).toBe(value);
    expect(formatIpv4(value)).toBe(text);
  });

  it.each(["", "10.0.0", "10.0.0.0.1", "256.0.0.1", "10.0.0.-1", "01.2.3.4", "a.b.c.d", " 10.0.0.1", "::1"])(
    "rejects %j with INVALID_ARGUMENT",
    (text) => {
      expect(codeOf(() => parseIpv4(text))).toBe("INVALID_ARGUMENT");
      expect(isIpv4(text)).toBe(false);
    },
  );
});

describe("parseCidr / normalizeCidr", () => {
  it.each([
    ["10.213.0.0/24", "10.213.0.0/24", 24],
    ["10.1.2.3/24", "10.1.2.0/24", 24],
    ["10.1.2.3/8", "10.0.0.0/8", 8],
    ["172.18.5.9/16", "172.18.0.0/16", 16],
    ["1.2.3.4/32", "1.2.3.4/32", 32],
    ["1.2.3.4/0", "0.0.0.0/0", 0],
  ])("%s → %s", (text, normal, prefix) => {
    expect(normalizeCidr(text)).toBe(normal);
    expect(parseCidr(text).prefix).toBe(prefix);
  });

  it.each(["10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "10.0.0/24", "10.0.0.0/2a", "x/24", "10.0.0.0/024"])(
    "rejects %j",
    (text) => {
      expect(codeOf(() => parseCidr(text))).toBe("INVALID_ARGUMENT");
    },
  );

  it("names the bad text", () => {
    expect(() => parseCidr("10.0.0.0/40")).toThrow('invalid CIDR address: "10.0.0.0/40"');
  });
});

describe("cidrContains / cidrsOverlap / cidrHosts / cidrSize", () => {
  it.each([
    ["10.213.0.0/24", "10.213.0.0", true],
    ["10.213.0.0/24", "10.213.0.255", true],
    ["10.213.0.0/24", "10.213.1.0", false],
    ["10.0.0.0/8", "10.255.1.2", true],
    ["0.0.0.0/0", "8.8.8.8", true],
    ["10.1.2.3/32", "10.1.2.3", true],
    ["10.1.2.3/32", "10.1.2.4", false],
  ])("%s contains %s: %s", (cidr, ip, expected) => {
    expect(cidrContains(cidr, ip)).toBe(expected);
  });

  it.each([
    ["10.213.0.0/24", "10.213.0.0/16", true],
    ["10.213.0.0/16", "10.213.7.0/24", true],
    ["10.213.0.0/24", "10.213.1.0/24", false],
    ["10.213.0.128/25", "10.213.0.0/25", false],
    ["10.213.0.5/32", "10.213.0.0/24", true],
    ["192.168.0.0/16", "10.0.0.0/8", false],
    ["0.0.0.0/0", "10.0.0.0/8", true],
  ])("%s overlaps %s: %s", (a, b, expected) => {
    expect(cidrsOverlap(a, b)).toBe(expected);
    expect(cidrsOverlap(b, a)).toBe(expected);
  });

  it.each([
    ["10.213.0.0/24", { first: "10.213.0.1", last: "10.213.0.254", broadcast: "10.213.0.255" }, 256],
    ["10.213.4.7/30", { first: "10.213.4.5", last: "10.213.4.6", broadcast: "10.213.4.7" }, 4],
    ["172.20.0.0/16", { first: "172.20.0.1", last: "172.20.255.254", broadcast: "172.20.255.255" }, 65536],
    ["10.0.0.0/31", { first: "10.0.0.0", last: "10.0.0.1", broadcast: "10.0.0.1" }, 2],
  ])("hosts of %s", (cidr, hosts, size) => {
    expect(cidrHosts(cidr)).toEqual(hosts);
    expect(cidrSize(cidr)).toBe(size);
  });
});
