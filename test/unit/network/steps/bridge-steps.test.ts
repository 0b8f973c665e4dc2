import { describe, expect, it } from "vitest";
import {
  attachHostLines,
  attachNsLines,
  bridgeFixLines,
  bridgeUpLines,
  type EndpointSpec,
} from "../../../../src/network/steps/bridge-steps.js";

const endpoint: EndpointSpec = {
  netns: "berth-dev-0123456789ab",
  hostVeth: "berth0a1b2c3d4e",
  ifname: "eth0",
  bridge: "berthaaaaaaaaaa",
  address: "10.213.0.2",
  prefix: 24,
  gateway: "10.213.0.1",
  mac: "02:42:0a:d5:00:02",
};

describe("bridge steps", () => {
  it("creates, addresses and raises a bridge", () => {
    expect(
      bridgeUpLines({ name: "berthaaaaaaaaaa", subnet: "10.213.0.0/24", gateway: "10.213.0.1" }),
    ).toEqual([
      "link add berthaaaaaaaaaa type bridge",
      "address replace 10.213.0.1/24 dev berthaaaaaaaaaa",
      "link set berthaaaaaaaaaa up",
    ]);
  });

  it("carries the MTU", () => {
    const b = { name: "berthx", subnet: "172.28.0.0/16", gateway: "172.28.5.254", mtu: 1400 };
    expect(bridgeUpLines(b)).toEqual([
      "link add berthx mtu 1400 type bridge",
      "address replace 172.28.5.254/16 dev berthx",
      "link set berthx mtu 1400",
      "link set berthx up",
    ]);
    expect(bridgeFixLines(b)).toEqual(bridgeUpLines(b).slice(1));
  });

  it("attaches a veth: host end on the bridge, peer created inside the netns", () => {
    expect(attachHostLines(endpoint)).toEqual([
      "link add berth0a1b2c3d4e type veth peer name eth0 netns berth-dev-0123456789ab",
      "link set berth0a1b2c3d4e master berthaaaaaaaaaa",
      "link set berth0a1b2c3d4e type bridge_slave hairpin on",
      "link set berth0a1b2c3d4e up",
    ]);
    expect(attachNsLines(endpoint)).toEqual([
      "link set eth0 address 02:42:0a:d5:00:02",
      "address add 10.213.0.2/24 dev eth0",
      "link set eth0 up",
      "route add default via 10.213.0.1 dev eth0",
    ]);
  });

  it("sets no default route without a gateway, and the MTU on both ends", () => {
    const { gateway: _, ...second } = { ...endpoint, ifname: "eth1", mtu: 1450 };
    expect(attachHostLines(second)[0]).toBe(
      "link add berth0a1b2c3d4e mtu 1450 type veth peer name eth1 mtu 1450 netns berth-dev-0123456789ab",
    );
    expect(attachNsLines(second)).toEqual([
      "link set eth1 address 02:42:0a:d5:00:02",
      "address add 10.213.0.2/24 dev eth1",
      "link set eth1 up",
    ]);
  });
});
