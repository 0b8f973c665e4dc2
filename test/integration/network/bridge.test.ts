import { describe, expect, it } from "vitest";
import { IpCommand } from "../../../src/network/linux/ip-command.js";
import { netEnv } from "./net-env.js";

describe("bridges and netns on the real kernel", () => {
  it("ensureBridge creates once, is idempotent, and fixes a bridge that lost its address or went down", async () => {
    const env = netEnv();
    try {
      const b = await env.bridge("n1");
      const spec = { name: b.bridge, subnet: b.subnet, gateway: b.gateway };
      const ip = new IpCommand(env.runner);
      const state = async () => ({
        addresses: (await ip.addresses()).filter((a) => a.ifname === b.bridge).map((a) => a.cidr),
        up: (await ip.jsonLinks()).find((l) => l.ifname === b.bridge)?.flags?.includes("UP") ?? false,
        routeLocalnet: await env.host.readSysctl(`net.ipv4.conf.${b.bridge}.route_localnet`),
      });
      const wanted = { addresses: [`${b.gateway}/24`], up: true, routeLocalnet: "1" };
      expect(await state()).toEqual(wanted);
      expect(await env.host.bridgeExists(b.bridge)).toBe(true);

      await env.host.ensureBridge(spec);
      await env.host.ensureBridge(spec);
      expect(await state()).toEqual(wanted);

      const prefix = b.subnet.replace(/\.0\/24$/, "");
      await ip.batch([
        `address flush dev ${b.bridge}`,
        `address add ${prefix}.77/24 dev ${b.bridge}`,
        `link set ${b.bridge} down`,
      ]);
      await env.host.setSysctl(`net.ipv4.conf.${b.bridge}.route_localnet`, "0");
      expect(await state()).toEqual({ addresses: [`${prefix}.77/24`], up: false, routeLocalnet: "0" });
      await env.host.ensureBridge(spec);
      expect(await state()).toEqual(wanted);
      expect(await env.host.takenSubnets()).toContain(b.subnet);
    } finally {
      await env.finish();
    }
    expect(await env.host.bridgeExists(env.names.bridge("n1"))).toBe(false);
  });

  it("createNetns and deleteNetns are idempotent; lo is up; detach removes both veth ends", async () => {
    const env = netEnv();
    try {
      const b = await env.bridge("n1");
      const ns = env.names.netns("c1");
      expect(await env.host.netnsExists(ns)).toBe(false);
      const { netns, ip } = await env.container("c1", b, 2);
      expect(netns).toBe(ns);
      expect(await env.host.createNetns(ns)).toBe(`/var/run/netns/${ns}`);
      expect(await env.host.listNetns(`berth-${env.instance}-`)).toEqual([ns]);
      const lo = await env.inNs(ns, ["ip", "-br", "link", "show", "lo"]);
      expect(lo.stdout).toMatch(/UNKNOWN|UP/);
      const eth0 = await env.inNs(ns, ["ip", "-br", "-4", "address", "show", "eth0"]);
      expect(eth0.stdout).toContain(`${ip}/24`);
      const mac = await env.inNs(ns, ["cat", "/sys/class/net/eth0/address"]);
      expect(mac.stdout.trim()).toBe(
        `02:42:${ip
          .split(".")
          .map((o) => Number(o).toString(16).padStart(2, "0"))
          .join(":")}`,
      );
      const routes = await env.inNs(ns, ["ip", "route"]);
      expect(routes.stdout).toContain(`default via ${b.gateway} dev eth0`);

      const hostVeth = env.names.veth("c1", b.networkId);
      expect(await env.host.listLinks(hostVeth)).toEqual([hostVeth]);
      await env.host.detach({ hostVeth });
      await env.host.detach({ hostVeth });
      expect(await env.host.listLinks(hostVeth)).toEqual([]);
      const gone = await env.inNs(ns, ["ip", "link", "show", "eth0"]);
      expect(gone.exitCode).not.toBe(0);

      await env.host.deleteNetns(ns);
      await env.host.deleteNetns(ns);
      expect(await env.host.netnsExists(ns)).toBe(false);
    } finally {
      await env.finish();
    }
  });

  it("attach fails with RUNTIME_COMMAND and leaves no host veth (missing netns, or a failing netns batch)", async () => {
    const env = netEnv();
    try {
      const b = await env.bridge("n1");
      const endpoint = (id: string, gateway: string) => {
        const hostVeth = env.names.veth(id, b.networkId);
        env.own("link", hostVeth);
        return {
          netns: env.names.netns(id),
          hostVeth,
          ifname: "eth0",
          bridge: b.bridge,
          address: b.gateway.replace(/\.1$/, ".9"),
          prefix: 24,
          gateway,
          mac: "02:42:00:00:00:09",
        };
      };
      const ghost = endpoint("ghost", b.gateway);
      await expect(env.host.attach(ghost)).rejects.toMatchObject({ code: "RUNTIME_COMMAND" });
      expect(await env.host.listLinks(ghost.hostVeth)).toEqual([]);
      expect(await env.host.netnsExists(ghost.netns)).toBe(false);

      // The netns exists but its batch fails (a default route through an unreachable gateway).
      const bad = endpoint("bad", "192.0.2.254");
      env.own("netns", bad.netns);
      await env.host.createNetns(bad.netns);
      await expect(env.host.attach({ ...bad, gateway: "203.0.113.1" })).rejects.toMatchObject({
        code: "RUNTIME_COMMAND",
        argv: ["ip", "-n", bad.netns, "-batch", "-"],
      });
      expect(await env.host.listLinks(bad.hostVeth)).toEqual([]);
      const inside = await env.inNs(bad.netns, ["ip", "link", "show", "eth0"]);
      expect(inside.exitCode).not.toBe(0);
    } finally {
      await env.finish();
    }
  });
});
