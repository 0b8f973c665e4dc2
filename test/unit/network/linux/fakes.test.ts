import { describe, expect, it } from "vitest";
import { FakeFirewall } from "../../../../src/network/fakes/fake-firewall.js";
import { FakeNetworkHost } from "../../../../src/network/fakes/fake-network-host.js";

describe("FakeNetworkHost", () => {
  it("keeps bridges, netns and endpoints, and forgets endpoints with their bridge or netns", async () => {
    const host = new FakeNetworkHost();
    host.hostSubnets = ["192.0.2.0/24"];
    await host.ensureBridge({ name: "bertha", subnet: "10.213.0.0/24", gateway: "10.213.0.1" });
    expect(await host.createNetns("berth-x-c1")).toBe("/var/run/netns/berth-x-c1");
    const endpoint = {
      netns: "berth-x-c1",
      hostVeth: "berthv1",
      ifname: "eth0",
      bridge: "bertha",
      address: "10.213.0.2",
      prefix: 24,
      mac: "02:42:0a:d5:00:02",
    };
    await host.attach(endpoint);
    await expect(host.attach(endpoint)).rejects.toMatchObject({ code: "RUNTIME_COMMAND" });
    await expect(host.attach({ ...endpoint, hostVeth: "berthv2", netns: "nope" })).rejects.toMatchObject({
      code: "RUNTIME_COMMAND",
    });
    expect(await host.listLinks("berth")).toEqual(["bertha", "berthv1"]);
    expect(await host.takenSubnets()).toEqual(["10.213.0.0/24", "192.0.2.0/24"]);
    expect(await host.readSysctl("net.ipv4.conf.bertha.route_localnet")).toBe("1");
    expect(await host.enableForwarding()).toEqual({ previous: "0" });
    expect(await host.enableForwarding()).toEqual({ previous: "1" });
    await host.deleteNetns("berth-x-c1");
    expect(host.endpoints.size).toBe(0);
    expect(await host.listNetns("berth-x-")).toEqual([]);
    await host.deleteBridge("bertha");
    expect(await host.bridgeExists("bertha")).toBe(false);
  });
});

describe("FakeFirewall", () => {
  it("keeps the last state until removed", async () => {
    const firewall = new FakeFirewall();
    expect(await firewall.exists()).toBe(false);
    await firewall.apply({ networks: [], forwards: [] });
    expect(await firewall.exists()).toBe(true);
    expect(firewall.state).toEqual({ networks: [], forwards: [] });
    await firewall.remove();
    expect(firewall.state).toBeUndefined();
    expect(firewall.applies).toBe(1);
  });
});
