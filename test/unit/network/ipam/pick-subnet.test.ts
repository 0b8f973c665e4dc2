import { describe, expect, it } from "vitest";
import {
  DEFAULT_ADDRESS_POOLS,
  POOLS_EXHAUSTED_MESSAGE,
  pickSubnet,
} from "../../../../src/network/ipam/pick-subnet.js";
import { BerthError } from "../../../../src/shared/errors.js";

describe("pickSubnet", () => {
  it.each([
    { name: "nothing taken", taken: [], expected: "10.213.0.0/24" },
    { name: "the first is another network's", taken: ["10.213.0.0/24"], expected: "10.213.1.0/24" },
    { name: "a host route inside the first", taken: ["10.213.0.77/32"], expected: "10.213.1.0/24" },
    { name: "a bare host address", taken: ["10.213.0.9"], expected: "10.213.1.0/24" },
    {
      name: "a wider route over the first four",
      taken: ["10.213.0.0/22", "192.168.1.0/24"],
      expected: "10.213.4.0/24",
    },
    {
      name: "unrelated routes",
      taken: ["172.17.0.0/16", "192.168.0.0/16", "127.0.0.0/8"],
      expected: "10.213.0.0/24",
    },
    { name: "gaps are reused", taken: ["10.213.0.0/24", "10.213.2.0/24"], expected: "10.213.1.0/24" },
  ])("$name → $expected", ({ taken, expected }) => {
    expect(pickSubnet({ pools: DEFAULT_ADDRESS_POOLS, taken })).toBe(expected);
  });

  it("tries the pools in order", () => {
    const pools = [
      { base: "10.1.0.0/23", size: 24 },
      { base: "172.30.0.0/16", size: 20 },
    ];
    expect(pickSubnet({ pools, taken: ["10.1.0.0/24"] })).toBe("10.1.1.0/24");
    expect(pickSubnet({ pools, taken: ["10.1.0.0/23"] })).toBe("172.30.0.0/20");
    expect(pickSubnet({ pools, taken: ["10.0.0.0/8", "172.30.0.0/19"] })).toBe("172.30.32.0/20");
  });

  it("fails with Docker's message when every subnet overlaps", () => {
    const run = () =>
      pickSubnet({ pools: [{ base: "10.1.0.0/23", size: 24 }], taken: ["10.1.0.0/24", "10.1.1.5/32"] });
    expect(run).toThrow(BerthError);
    expect(run).toThrow(POOLS_EXHAUSTED_MESSAGE);
    expect(POOLS_EXHAUSTED_MESSAGE).toBe(
      "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network",
    );
    try {
      run();
    } catch (error: unknown) {
      expect((error as BerthError).code).toBe("INVALID_ARGUMENT");
    }
  });

  it("fails when a route covers the whole pool, and with no pools", () => {
    expect(() => pickSubnet({ pools: DEFAULT_ADDRESS_POOLS, taken: ["10.0.0.0/8"] })).toThrow(
      POOLS_EXHAUSTED_MESSAGE,
    );
    expect(() => pickSubnet({ pools: [], taken: [] })).toThrow(POOLS_EXHAUSTED_MESSAGE);
  });

  it("rejects a pool whose size is shorter than its base", () => {
    expect(() => pickSubnet({ pools: [{ base: "10.0.0.0/16", size: 8 }], taken: [] })).toThrow(
      "invalid address pool 10.0.0.0/16: size 8 must be between 16 and 32",
    );
  });
});
