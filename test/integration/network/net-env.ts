import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { DEFAULT_ADDRESS_POOLS, pickSubnet } from "../../../src/network/ipam/pick-subnet.js";
import { cidrHosts, formatIpv4, parseCidr } from "../../../src/network/ipv4.js";
import { IpCommand } from "../../../src/network/linux/ip-command.js";
import { linuxNetworkHost, type NetworkHost } from "../../../src/network/linux/network-host.js";
import { type Firewall, nftFirewall } from "../../../src/network/linux/nft-firewall.js";
import { withSubnetLock } from "../../../src/network/linux/subnet-lock.js";
import { macFor } from "../../../src/network/macaddr.js";
import { type KernelNames, kernelNames } from "../../../src/network/names.js";
import type { FirewallNetwork } from "../../../src/network/nft/ruleset.js";
import { execaRunner } from "../../../src/platform/execa-runner.js";
import { nodeClock } from "../../../src/platform/node-clock.js";
import type { CommandResult, CommandRunner } from "../../../src/shared/ports.js";

/** A bridge made by a test. */
export interface TestBridge extends FirewallNetwork {
  networkId: string;
}

/** One throwaway network instance: unique names, the Linux host and firewall, and a cleanup that proves nothing is left. */
export interface NetEnv {
  instance: string;
  names: KernelNames;
  runner: CommandRunner;
  host: NetworkHost;
  firewall: Firewall;
  /** Picks a free subnet and creates the bridge under the host-wide subnet lock. */
  bridge(networkId: string, options?: { internal?: boolean }): Promise<TestBridge>;
  /** A netns with one endpoint on the bridge at the given host index of its subnet (gateway = .1). */
  container(id: string, bridge: TestBridge, hostIndex: number): Promise<{ netns: string; ip: string }>;
  /** Runs a command inside a netns. */
  inNs(netns: string, argv: readonly string[]): Promise<CommandResult>;
  /** Starts a long-running process inside a netns; killed by PID in finish(). */
  background(netns: string, argv: readonly string[]): ChildProcess;
  /** An "outside" host: a netns joined to the host by a veth pair with its own /30 (default route to the host). */
  outside(): Promise<{ netns: string; hostSide: string; outsideSide: string }>;
  /** Adds a link or netns name of the test that finish() must prove gone. */
  own(kind: "link" | "netns", name: string): void;
  finish(): Promise<void>;
}

/** Builds a fresh environment with a unique instance name. */
export function netEnv(): NetEnv {
  const instance = `n${randomBytes(3).toString("hex")}${process.pid}`;
  const names = kernelNames(instance);
  const runner = execaRunner();
  const host = linuxNetworkHost(runner);
  const firewall = nftFirewall(runner, names.table);
  const links = new Set<string>();
  const namespaces = new Set<string>();
  const children: ChildProcess[] = [];
  const bridges: TestBridge[] = [];
  const env: NetEnv = {
    instance,
    names,
    runner,
    host,
    firewall,
    async bridge(networkId, options = {}) {
      const name = names.bridge(networkId);
      links.add(name);
      const subnet = await withSubnetLock(
        async () => {
          const picked = pickSubnet({ pools: DEFAULT_ADDRESS_POOLS, taken: await host.takenSubnets() });
          await host.ensureBridge({ name, subnet: picked, gateway: cidrHosts(picked).first });
          return picked;
        },
        { clock: nodeClock() },
      );
      const bridge = {
        networkId,
        bridge: name,
        subnet,
        gateway: cidrHosts(subnet).first,
        internal: options.internal ?? false,
        dns: false,
      };
      bridges.push(bridge);
      return bridge;
    },
    async container(id, bridge, hostIndex) {
      const netns = names.netns(id);
      namespaces.add(netns);
      await host.createNetns(netns);
      const ip = formatIpv4(parseCidr(bridge.subnet).network + hostIndex);
      const hostVeth = names.veth(id, bridge.networkId);
      links.add(hostVeth);
      await host.attach({
        netns,
        hostVeth,
        ifname: "eth0",
        bridge: bridge.bridge,
        address: ip,
        prefix: parseCidr(bridge.subnet).prefix,
        gateway: bridge.gateway,
        mac: macFor(ip),
      });
      return { netns, ip };
    },
    inNs(netns, argv) {
      return runner.run(["ip", "netns", "exec", netns, ...argv]);
    },
    background(netns, argv) {
      const child = spawn("ip", ["netns", "exec", netns, ...argv], { stdio: ["ignore", "pipe", "pipe"] });
      children.push(child);
      return child;
    },
    async outside() {
      const ip = new IpCommand(runner);
      const netns = names.netns("outside");
      const hostVeth = names.veth("outside", "uplink");
      namespaces.add(netns);
      links.add(hostVeth);
      await host.createNetns(netns);
      const pair = await withSubnetLock(
        async () => {
          const subnet = pickSubnet({
            pools: [{ base: "10.214.0.0/16", size: 30 }],
            taken: await host.takenSubnets(),
          });
          const { first, last } = cidrHosts(subnet);
          await ip.batch([
            `link add ${hostVeth} type veth peer name eth0 netns ${netns}`,
            `address add ${first}/30 dev ${hostVeth}`,
            `link set ${hostVeth} up`,
          ]);
          return { hostSide: first, outsideSide: last };
        },
        { clock: nodeClock() },
      );
      await ip.batchIn(netns, [
        `address add ${pair.outsideSide}/30 dev eth0`,
        "link set eth0 up",
        `route add default via ${pair.hostSide}`,
      ]);
      return { netns, ...pair };
    },
    own(kind, name) {
      (kind === "link" ? links : namespaces).add(name);
    },
    async finish() {
      for (const child of children) {
        if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
          process.kill(child.pid, "SIGKILL");
        }
      }
      await firewall.remove();
      for (const netns of namespaces) await host.deleteNetns(netns);
      for (const link of links) await host.deleteBridge(link);
      expect(await firewall.exists(), `nft table ${names.table}`).toBe(false);
      const leftLinks = (await host.listLinks("berth")).filter((name) => links.has(name));
      expect(leftLinks, "links of the test").toEqual([]);
      expect(await host.listNetns(`berth-${instance}-`), "netns of the test").toEqual([]);
    },
  };
  return env;
}

/**
 * Retries `probe` until it returns a value (the server may still be starting) or `ms` pass; the last
 * error otherwise. Generous: a server spawned in a netns can take seconds to listen on a loaded machine.
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const clock = nodeClock();
  const deadline = clock.now() + ms;
  let last: unknown;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error: unknown) {
      last = error;
    }
    if (clock.now() > deadline) break;
    await clock.sleep(50);
  }
  throw new Error(`gave up after ${ms} ms (${attempts} attempts)`, { cause: last });
}
