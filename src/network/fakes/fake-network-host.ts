import { BerthError } from "../../shared/errors.js";
import type { NetworkHost } from "../linux/network-host.js";
import { NETNS_DIR } from "../names.js";
import type { BridgeSpec, EndpointSpec } from "../steps/bridge-steps.js";

/** An in-memory `NetworkHost`: bridges, netns and endpoints in maps, sysctls in a map, extra taken subnets. */
export class FakeNetworkHost implements NetworkHost {
  readonly bridges = new Map<string, BridgeSpec>();
  readonly netns = new Set<string>();
  /** Endpoints by host veth name. */
  readonly endpoints = new Map<string, EndpointSpec>();
  readonly sysctls = new Map<string, string>([["net.ipv4.ip_forward", "0"]]);
  /** Subnets the "host" routes to, besides the fake bridges' own. */
  hostSubnets: string[] = [];
  /** Other links of the "host" (listed by listLinks). */
  otherLinks: string[] = [];

  async ensureBridge(b: BridgeSpec): Promise<void> {
    this.bridges.set(b.name, { ...b });
    this.sysctls.set(`net.ipv4.conf.${b.name}.route_localnet`, "1");
  }

  async deleteBridge(name: string): Promise<void> {
    this.bridges.delete(name);
    for (const [veth, e] of this.endpoints) if (e.bridge === name) this.endpoints.delete(veth);
    this.sysctls.delete(`net.ipv4.conf.${name}.route_localnet`);
  }

  async bridgeExists(name: string): Promise<boolean> {
    return this.bridges.has(name);
  }

  async createNetns(name: string): Promise<string> {
    this.netns.add(name);
    return `${NETNS_DIR}/${name}`;
  }

  async deleteNetns(name: string): Promise<void> {
    this.netns.delete(name);
    for (const [veth, e] of this.endpoints) if (e.netns === name) this.endpoints.delete(veth);
  }

  async netnsExists(name: string): Promise<boolean> {
    return this.netns.has(name);
  }

  async attach(e: EndpointSpec): Promise<void> {
    if (!this.netns.has(e.netns)) throw new BerthError("RUNTIME_COMMAND", `no netns ${e.netns}`);
    if (!this.bridges.has(e.bridge)) throw new BerthError("RUNTIME_COMMAND", `no bridge ${e.bridge}`);
    if (this.endpoints.has(e.hostVeth)) throw new BerthError("RUNTIME_COMMAND", `link ${e.hostVeth} exists`);
    this.endpoints.set(e.hostVeth, { ...e });
  }

  async detach(e: { hostVeth: string }): Promise<void> {
    this.endpoints.delete(e.hostVeth);
  }

  async takenSubnets(): Promise<string[]> {
    const own = [...this.bridges.values()].map((b) => b.subnet);
    return [...new Set([...this.hostSubnets, ...own])].sort();
  }

  async listLinks(prefix: string): Promise<string[]> {
    const names = [...this.bridges.keys(), ...this.endpoints.keys(), ...this.otherLinks];
    return names.filter((name) => name.startsWith(prefix)).sort();
  }

  async listNetns(prefix: string): Promise<string[]> {
    return [...this.netns].filter((name) => name.startsWith(prefix)).sort();
  }

  async enableForwarding(): Promise<{ previous: string }> {
    const previous = await this.readSysctl("net.ipv4.ip_forward");
    this.sysctls.set("net.ipv4.ip_forward", "1");
    return { previous };
  }

  async setSysctl(key: string, value: string): Promise<void> {
    this.sysctls.set(key, value);
  }

  async readSysctl(key: string): Promise<string> {
    const value = this.sysctls.get(key);
    if (value === undefined) throw new BerthError("RUNTIME_COMMAND", `cannot read sysctl ${key}`);
    return value;
  }
}
