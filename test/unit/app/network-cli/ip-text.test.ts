import { describe, expect, it } from "vitest";
import {
  blocksOverlap,
  ipv4Number,
  isIp,
  isIpv6,
  parseIpv4Cidr,
} from "../../../../src/app/networks/ip-text.js";

describe("address text", () => {
  it("reads dotted-quad IPv4 only", () => {
    expect(ipv4Number("10.0.0.1")).toBe(0x0a000001);
    expect(ipv4Number("255.255.255.255")).toBe(0xffffffff);
    for (const bad of ["10.0.0", "10.0.0.256", "01.0.0.1", "a.b.c.d", "", "1.2.3.4.5"]) {
      expect(ipv4Number(bad), bad).toBeUndefined();
    }
  });

  it("knows IPv6 forms", () => {
    for (const good of [
      "::",
      "::1",
      "fe80::1",
      "2001:db8::8:800:200c:417a",
      "::ffff:10.0.0.1",
      "1:2:3:4:5:6:7:8",
    ]) {
      expect(isIpv6(good), good).toBe(true);
    }
    for (const bad of [":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "10.0.0.1"]) {
      expect(isIpv6(bad), bad).toBe(false);
    }
    expect(isIp("10.0.0.1") && isIp("::1") && !isIp("host")).toBe(true);
  });

  it("parses CIDRs and tells overlaps", () => {
    expect(parseIpv4Cidr("10.5.1.7/16")).toEqual({ base: 0x0a050000, prefix: 16 });
    expect(parseIpv4Cidr("10.5.0.0/33")).toBeUndefined();
    expect(parseIpv4Cidr("10.5.0.0")).toBeUndefined();
    const a = parseIpv4Cidr("10.5.0.0/16");
    const b = parseIpv4Cidr("10.5.3.0/24");
    const c = parseIpv4Cidr("10.6.0.0/16");
    if (!a || !b || !c) throw new Error("unparsed");
    expect(blocksOverlap(a, b)).toBe(true);
    expect(blocksOverlap(b, a)).toBe(true);
    expect(blocksOverlap(a, c)).toBe(false);
  });
});
