import { parseCidr } from "../ipv4.js";

/** One bridge network on the host: its link name, subnet and gateway (the bridge's own address). */
export interface BridgeSpec {
  name: string;
  subnet: string;
  gateway: string;
  mtu?: number;
}

/** One container endpoint: a veth pair from a bridge into a netns. */
export interface EndpointSpec {
  /** The netns name under /var/run/netns. */
  netns: string;
  hostVeth: string;
  /** The name inside the netns (eth0, eth1, …). */
  ifname: string;
  bridge: string;
  address: string;
  prefix: number;
  /** Sets the default route through it when given. */
  gateway?: string;
  mac: string;
  mtu?: number;
}

function mtuArgs(mtu: number | undefined): string {
  return mtu === undefined ? "" : ` mtu ${mtu}`;
}

/** Lines for `ip -batch -` that create a bridge, give it the gateway address and bring it up. */
export function bridgeUpLines(b: BridgeSpec): string[] {
  return [`link add ${b.name}${mtuArgs(b.mtu)} type bridge`, ...bridgeFixLines(b)];
}

/** Lines for `ip -batch -` that (re)apply the address, MTU and up state of an existing bridge. */
export function bridgeFixLines(b: BridgeSpec): string[] {
  const prefix = parseCidr(b.subnet).prefix;
  return [
    `address replace ${b.gateway}/${prefix} dev ${b.name}`,
    ...(b.mtu === undefined ? [] : [`link set ${b.name} mtu ${b.mtu}`]),
    `link set ${b.name} up`,
  ];
}

/** Lines for `ip -batch -` in the host netns: the veth pair (peer created in the netns), master, hairpin, up. */
export function attachHostLines(e: EndpointSpec): string[] {
  const mtu = mtuArgs(e.mtu);
  return [
    `link add ${e.hostVeth}${mtu} type veth peer name ${e.ifname}${mtu} netns ${e.netns}`,
    `link set ${e.hostVeth} master ${e.bridge}`,
    // Hairpin: a container reaching its own published port gets its packets back through the same port.
    `link set ${e.hostVeth} type bridge_slave hairpin on`,
    `link set ${e.hostVeth} up`,
  ];
}

/** Lines for `ip -n NETNS -batch -`: MAC, address, up and (with a gateway) the default route. */
export function attachNsLines(e: EndpointSpec): string[] {
  return [
    `link set ${e.ifname} address ${e.mac}`,
    `address add ${e.address}/${e.prefix} dev ${e.ifname}`,
    `link set ${e.ifname} up`,
    ...(e.gateway === undefined ? [] : [`route add default via ${e.gateway} dev ${e.ifname}`]),
  ];
}
