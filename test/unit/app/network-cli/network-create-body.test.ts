import { describe, expect, it } from "vitest";
import {
  type NetworkCreateRequest,
  networkCreateBody,
} from "../../../../src/app/networks/network-create-body.js";

const base: NetworkCreateRequest = {
  name: "n1",
  subnets: [],
  ipRanges: [],
  gateways: [],
  auxAddresses: [],
  labels: {},
  options: {},
};
const body = (request: Partial<NetworkCreateRequest>) => networkCreateBody({ ...base, ...request });

describe("networkCreateBody: network create flags → POST /networks/create", () => {
  it("defaults as Docker's CLI sends them", () => {
    expect(body({})).toEqual({
      Name: "n1",
      CheckDuplicate: true,
      Driver: "bridge",
      IPAM: { Driver: "default", Options: {}, Config: [] },
      Internal: false,
      Attachable: false,
      Options: {},
      Labels: {},
    });
  });

  it("groups range, gateway and aux addresses under their subnet", () => {
    const out = body({
      subnets: ["10.5.0.0/16", "10.6.0.0/16"],
      ipRanges: ["10.5.1.0/24"],
      gateways: ["10.6.0.1", "10.5.0.1"],
      auxAddresses: ["a=10.5.0.2", "b=10.5.0.3"],
      internal: true,
      attachable: true,
      labels: { k: "v", z: "" },
      options: { "com.docker.network.bridge.name": "x" },
      driver: "bridge",
    });
    expect(out.IPAM?.Config).toEqual([
      {
        Subnet: "10.5.0.0/16",
        IPRange: "10.5.1.0/24",
        Gateway: "10.5.0.1",
        AuxiliaryAddresses: { a: "10.5.0.2", b: "10.5.0.3" },
      },
      { Subnet: "10.6.0.0/16", Gateway: "10.6.0.1" },
    ]);
    expect(out).toMatchObject({
      Internal: true,
      Attachable: true,
      Labels: { k: "v", z: "" },
      Options: { "com.docker.network.bridge.name": "x" },
    });
  });

  it.each<[Partial<NetworkCreateRequest>, string]>([
    [{ gateways: ["10.6.0.1"] }, "every ip-range or gateway must have a corresponding subnet"],
    [{ subnets: ["10.5.0.0/16"], gateways: ["10.6.0.1"] }, "no matching subnet for gateway 10.6.0.1"],
    [
      { subnets: ["10.5.0.0/16", "10.6.0.0/16"], gateways: ["10.5.0.1", "10.5.0.2"] },
      "cannot configure multiple gateways (10.5.0.2, 10.5.0.1) for the same subnet (10.5.0.0/16)",
    ],
    [{ subnets: ["10.5.0.0/16"], ipRanges: ["10.6.0.0/24"] }, "no matching subnet for range 10.6.0.0/24"],
    [
      { subnets: ["10.5.0.0/16"], ipRanges: ["10.5.1.0/24", "10.5.2.0/24"] },
      "every ip-range or gateway must have a corresponding subnet",
    ],
    [
      { subnets: ["10.5.0.0/16"], auxAddresses: ["a=10.6.0.1"] },
      "no matching subnet for aux-address 10.6.0.1",
    ],
    [
      { subnets: ["10.5.0.0/16", "10.5.0.0/24"] },
      "multiple overlapping subnet configuration is not supported",
    ],
    [{ subnets: ["abc"] }, 'invalid argument "abc" for "--subnet" flag'],
    [{ ipv6: true }, "IPv6 networks are not supported by berth"],
  ])("refuses %j", (request, message) => {
    expect(() => body(request)).toThrow(message);
  });
});
