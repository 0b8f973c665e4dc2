import { describe, expect, it } from "vitest";
import { parseAddressPool, parseAddressPools } from "../../../../src/engine/networks/address-pool-flag.js";

describe("--address-pools / --default-address-pool (Docker's base=CIDR,size=N)", () => {
  it.each([
    ["base=10.10.0.0/16,size=24", { base: "10.10.0.0/16", size: 24 }],
    ["size=26,base=172.30.0.0/16", { base: "172.30.0.0/16", size: 26 }],
    ["Base=10.1.2.3/16, SIZE=20", { base: "10.1.0.0/16", size: 20 }],
    ["base=192.168.0.0/24,size=24", { base: "192.168.0.0/24", size: 24 }],
    ["base=10.0.0.0/8,size=30", { base: "10.0.0.0/8", size: 30 }],
  ])("%s → %o", (text, pool) => {
    expect(parseAddressPool(text)).toEqual(pool);
  });

  it.each([
    ["10.10.0.0/16", 'unknown field "10.10.0.0/16"'],
    ["base=10.10.0.0/16", "both are required"],
    ["size=24", "both are required"],
    ["base=10.10.0.0/16,size=24,gateway=10.10.0.1", 'unknown field "gateway=10.10.0.1"'],
    ["base=10.10.0.0/16,base=10.11.0.0/16,size=24", "base is given twice"],
    ["base=10.10.0.0,size=24", "base 10.10.0.0 is not an IPv4 CIDR"],
    ["base=300.1.0.0/16,size=24", "base 300.1.0.0/16 is not an IPv4 CIDR"],
    ["base=10.10.0.0/16,size=8", "size must be a prefix length between 16 (the base's) and 30"],
    ["base=10.10.0.0/16,size=31", "between 16 (the base's) and 30"],
    ["base=10.10.0.0/16,size=abc", "between 16 (the base's) and 30"],
    ["base=10.10.0.0/16,size=", "between 16 (the base's) and 30"],
  ])("%s is refused: %s", (text, message) => {
    expect(() => parseAddressPool(text)).toThrow(message);
    expect(() => parseAddressPool(text)).toThrow(expect.objectContaining({ code: "USAGE" }));
  });

  it("names the flag that was used in the error", () => {
    expect(() => parseAddressPool("size=24", "--default-address-pool")).toThrow(
      '--default-address-pool "size=24": expected base=CIDR,size=N (both are required)',
    );
  });

  it("repeated values keep their order; none means the default pools", () => {
    expect(parseAddressPools(["base=10.20.0.0/16,size=24", "base=10.21.0.0/16,size=28"])).toEqual([
      { base: "10.20.0.0/16", size: 24 },
      { base: "10.21.0.0/16", size: 28 },
    ]);
    expect(parseAddressPools([])).toBeUndefined();
  });
});
