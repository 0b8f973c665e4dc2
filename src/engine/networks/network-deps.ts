import type { DnsServer } from "../../network/dns/index.js";
import type { AddressPool, Firewall, NetworkHost } from "../../network/index.js";
import type { ForwardingMemo } from "./forwarding-memo.js";
import type { PortHold } from "./port-reservations.js";

/** The DNS server's options (N2's DnsServer constructor argument). */
export type DnsServerOptions = ConstructorParameters<typeof DnsServer>[0];

/** What the engine uses of a DNS server. */
export interface DnsServerLike {
  listen(ip: string, port?: number): Promise<void>;
  close(ip: string): Promise<void>;
  closeAll(): Promise<void>;
}

/** Host ports: bind tests and picking a free one (the Linux implementation uses node:net / node:dgram). */
export interface HostPorts {
  isFree(p: { protocol: "tcp" | "udp"; hostIp?: string; port: number }): Promise<boolean>;
  pickFree(p: { protocol: "tcp" | "udp"; hostIp?: string; exclude: ReadonlySet<number> }): Promise<number>;
  /** Holds a published port open while its container runs (default: none; Linux: `holdHostPort`). */
  hold?: PortHold;
}

/** The ports the engine's networking runs on (Linux adapters in the daemon, fakes in component tests). */
export interface NetworkDeps {
  host: NetworkHost;
  /** The instance's nftables table. */
  firewall: Firewall;
  /** Makes the embedded DNS server (default: N2's DnsServer). */
  dns: (options: DnsServerOptions) => DnsServerLike;
  ports: HostPorts;
  /** Host-wide lock held while a subnet is picked and its bridge made (default: none). */
  subnetLock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** The host-wide memo of ip_forward's original value (default: in memory; the daemon's: a /run file). */
  forwardingMemo?: ForwardingMemo;
  /** Pools new networks' subnets come from (default DEFAULT_ADDRESS_POOLS). */
  addressPools?: readonly AddressPool[];
}
