import { describe, expect, it } from "vitest";
import { allocateAddress } from "../../../../src/network/ipam/allocate-address.js";
import type { IpamPlan } from "../../../../src/network/ipam/ipam-config.js";
import { BerthError } from "../../../../src/shared/errors.js";

const plan: IpamPlan = { subnet: "10.213.0.0/24", gateway: "10.213.0.1", auxAddresses: {} };
const ranged: IpamPlan = {
  subnet: "172.28.0.0/16",
  ipRange: "172.28.5.0/30",
  gateway: "172.28.5.1",
  auxAddresses: { host1: "172.28.5.2" },
};

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof BerthError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
}

describe("allocateAddress", () => {
  it.each([
    { name: "first host after the gateway", plan, used: [], expected: "10.213.0.2" },
    { name: "skips used ones", plan, used: ["10.213.0.2", "10.213.0.3"], expected: "10.213.0.4" },
    { name: "fills a gap", plan, used: ["10.213.0.3"], expected: "10.213.0.2" },
    {
      name: "gateway in the middle and aux addresses skipped",
      plan: { subnet: "10.0.0.0/29", gateway: "10.0.0.3", auxAddresses: { a: "10.0.0.1", b: "10.0.0.4" } },
      used: ["10.0.0.2"],
      expected: "10.0.0.5",
    },
    {
      name: "inside the ip range only (its first address is a host of the subnet)",
      plan: ranged,
      used: [],
      expected: "172.28.5.0",
    },
    {
      name: "inside the ip range, skipping gateway and aux",
      plan: ranged,
      used: ["172.28.5.0"],
      expected: "172.28.5.3",
    },
    {
      name: "a range at the subnet start never yields the subnet's network address",
      plan: { subnet: "10.0.0.0/24", ipRange: "10.0.0.0/30", gateway: "10.0.0.1", auxAddresses: {} },
      used: [],
      expected: "10.0.0.2",
    },
  ])("$name → $expected", ({ plan: p, used, expected }) => {
    expect(allocateAddress({ plan: p, used: new Set(used) })).toBe(expected);
  });

  it("gives a static address inside the subnet, also outside the ip range", () => {
    expect(allocateAddress({ plan, used: new Set(["10.213.0.2"]), requested: "10.213.0.200" })).toBe(
      "10.213.0.200",
    );
    expect(allocateAddress({ plan: ranged, used: new Set(), requested: "172.28.9.9" })).toBe("172.28.9.9");
  });

  it.each(["10.213.0.1", "10.213.0.2", "10.213.0.0", "10.213.0.255"])(
    "refuses the taken static %s",
    (requested) => {
      expect(failure(() => allocateAddress({ plan, used: new Set(["10.213.0.2"]), requested }))).toEqual({
        code: "CONFLICT",
        message: `Address already in use: ${requested}`,
      });
    },
  );

  it("refuses an aux address as a static one", () => {
    expect(
      failure(() => allocateAddress({ plan: ranged, used: new Set(), requested: "172.28.5.2" })).code,
    ).toBe("CONFLICT");
  });

  it("refuses a static address outside the subnet or not an address", () => {
    expect(
      failure(() => allocateAddress({ plan, used: new Set(), requested: "10.9.0.5", networkName: "front" })),
    ).toEqual({
      code: "INVALID_ARGUMENT",
      message: "invalid address 10.9.0.5: it does not belong to the subnet 10.213.0.0/24 of network front",
    });
    expect(failure(() => allocateAddress({ plan, used: new Set(), requested: "10.9" })).code).toBe(
      "INVALID_ARGUMENT",
    );
  });

  it("fails with Docker's message when the network is full", () => {
    const small: IpamPlan = { subnet: "10.0.0.0/30", gateway: "10.0.0.1", auxAddresses: {} };
    expect(allocateAddress({ plan: small, used: new Set() })).toBe("10.0.0.2");
    expect(
      failure(() => allocateAddress({ plan: small, used: new Set(["10.0.0.2"]), networkName: "back" })),
    ).toEqual({
      code: "CONFLICT",
      message: "no available IPv4 addresses on this network's address pools: back (10.0.0.0/30)",
    });
    expect(
      failure(() => allocateAddress({ plan: ranged, used: new Set(["172.28.5.0", "172.28.5.3"]) })).message,
    ).toBe("no available IPv4 addresses on this network's address pools:  (172.28.0.0/16)");
  });
});
