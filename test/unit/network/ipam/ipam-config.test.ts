import { describe, expect, it } from "vitest";
import { type IpamRequest, planIpam } from "../../../../src/network/ipam/ipam-config.js";
import { BerthError } from "../../../../src/shared/errors.js";

const picked = () => "10.213.3.0/24";

describe("planIpam", () => {
  it.each<{ name: string; request: IpamRequest; plan: ReturnType<typeof planIpam> }>([
    {
      name: "empty: the picked subnet and its first host",
      request: {},
      plan: { subnet: "10.213.3.0/24", gateway: "10.213.3.1", auxAddresses: {} },
    },
    {
      name: "a subnet with host bits is normalised",
      request: { subnet: "172.28.5.9/16" },
      plan: { subnet: "172.28.0.0/16", gateway: "172.28.0.1", auxAddresses: {} },
    },
    {
      name: "everything given",
      request: {
        subnet: "172.28.0.0/16",
        ipRange: "172.28.5.3/24",
        gateway: "172.28.5.254",
        auxAddresses: { router: "172.28.1.5", host1: "172.28.1.6" },
      },
      plan: {
        subnet: "172.28.0.0/16",
        ipRange: "172.28.5.0/24",
        gateway: "172.28.5.254",
        auxAddresses: { host1: "172.28.1.6", router: "172.28.1.5" },
      },
    },
    {
      name: "a /30 is the smallest",
      request: { subnet: "10.9.9.8/30" },
      plan: { subnet: "10.9.9.8/30", gateway: "10.9.9.9", auxAddresses: {} },
    },
  ])("$name", ({ request, plan }) => {
    expect(planIpam(request, picked)).toEqual(plan);
  });

  it("asks for a subnet only when none is given", () => {
    let calls = 0;
    planIpam({ subnet: "10.0.0.0/24" }, () => {
      calls++;
      return "10.1.0.0/24";
    });
    expect(calls).toBe(0);
  });

  it.each<{ request: IpamRequest; message: string }>([
    { request: { subnet: "10.0.0.0/33" }, message: "invalid subnet 10.0.0.0/33: invalid CIDR address" },
    { request: { subnet: "bogus" }, message: "invalid subnet bogus: invalid CIDR address" },
    {
      request: { subnet: "10.0.0.0/31" },
      message: "invalid subnet 10.0.0.0/31: the prefix must be /30 or shorter",
    },
    {
      request: { subnet: "10.0.0.0/24", ipRange: "10.0.1.0/25" },
      message: "invalid ip-range 10.0.1.0/25: it must be within subnet 10.0.0.0/24",
    },
    {
      request: { subnet: "10.0.0.0/24", ipRange: "10.0.0.0/23" },
      message: "invalid ip-range 10.0.0.0/23: it must be within subnet 10.0.0.0/24",
    },
    {
      request: { subnet: "10.0.0.0/24", ipRange: "10.0.0.0" },
      message: "invalid ip-range 10.0.0.0: invalid CIDR address",
    },
    {
      request: { subnet: "10.0.0.0/24", gateway: "10.0.1.1" },
      message: "invalid gateway 10.0.1.1: it must be within subnet 10.0.0.0/24",
    },
    {
      request: { subnet: "10.0.0.0/24", gateway: "10.0.0" },
      message: "invalid gateway 10.0.0: not an IPv4 address",
    },
    {
      request: { subnet: "10.0.0.0/24", gateway: "10.0.0.255" },
      message: "invalid gateway 10.0.0.255: it is the network or broadcast address of subnet 10.0.0.0/24",
    },
    {
      request: { subnet: "10.0.0.0/24", gateway: "10.0.0.0" },
      message: "invalid gateway 10.0.0.0: it is the network or broadcast address of subnet 10.0.0.0/24",
    },
    {
      request: { subnet: "10.0.0.0/24", auxAddresses: { db: "10.9.0.3" } },
      message: "invalid aux-address db=10.9.0.3: it must be within subnet 10.0.0.0/24",
    },
    {
      request: { subnet: "10.0.0.0/24", auxAddresses: { db: "x" } },
      message: "invalid aux-address db=x: not an IPv4 address",
    },
    {
      request: { gateway: "10.0.0.1" },
      message: "every ip-range, gateway or aux-address must have a corresponding subnet",
    },
    {
      request: { ipRange: "10.0.0.0/25" },
      message: "every ip-range, gateway or aux-address must have a corresponding subnet",
    },
    {
      request: { auxAddresses: { a: "10.0.0.2" } },
      message: "every ip-range, gateway or aux-address must have a corresponding subnet",
    },
  ])("rejects $request with INVALID_ARGUMENT: $message", ({ request, message }) => {
    let caught: unknown;
    try {
      planIpam(request, picked);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BerthError);
    expect((caught as BerthError).code).toBe("INVALID_ARGUMENT");
    expect((caught as BerthError).message).toBe(message);
  });
});
