import { parseIpv4 } from "../ipv4.js";

/** One bridge network as the firewall sees it. */
export interface FirewallNetwork {
  bridge: string;
  subnet: string;
  gateway: string;
  /** No traffic leaves or enters the bridge except between its own members. */
  internal: boolean;
  dns: boolean;
}

/** One published port: host (address,) port → container address and port on a bridge. */
export interface PortForward {
  protocol: "tcp" | "udp";
  /** Absent or "0.0.0.0": every local address of the host. */
  hostIp?: string;
  hostPort: number;
  containerIp: string;
  containerPort: number;
  bridge: string;
}

/** Everything the instance's table expresses. */
export interface FirewallState {
  networks: readonly FirewallNetwork[];
  forwards: readonly PortForward[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIps(a: string, b: string): number {
  return parseIpv4(a) - parseIpv4(b);
}

function quoted(name: string): string {
  return JSON.stringify(name);
}

function nameSet(names: readonly string[]): string {
  return names.length === 1 ? quoted(names[0] ?? "") : `{ ${names.map(quoted).join(", ")} }`;
}

function sortedForwards(forwards: readonly PortForward[]): PortForward[] {
  const key = (f: PortForward) =>
    `${f.protocol}|${String(f.hostPort).padStart(5, "0")}|${f.hostIp ?? ""}|${f.containerIp}|${f.containerPort}`;
  return [...forwards].sort((a, b) => compare(key(a), key(b)));
}

function dnatRules(forwards: readonly PortForward[]): string[] {
  return sortedForwards(forwards).map((f) => {
    const match =
      f.hostIp === undefined || f.hostIp === "0.0.0.0" ? "fib daddr type local" : `ip daddr ${f.hostIp}`;
    return `${match} ${f.protocol} dport ${f.hostPort} dnat to ${f.containerIp}:${f.containerPort}`;
  });
}

function postroutingRules(networks: readonly FirewallNetwork[], forwards: readonly PortForward[]): string[] {
  const ours = networks.map((n) => n.bridge);
  const loopback = networks.map((n) => `oifname ${quoted(n.bridge)} ip saddr 127.0.0.0/8 masquerade`);
  const outbound = networks
    .filter((n) => !n.internal)
    .map((n) => `ip saddr ${n.subnet} oifname != ${nameSet(ours)} masquerade`);
  const hairpin = networks.map(
    (n) => `iifname ${quoted(n.bridge)} oifname ${quoted(n.bridge)} ct status dnat masquerade`,
  );
  // With br_netfilter a DNAT back into the same bridge is bridged, and postrouting sees no input interface:
  // the per-bridge rule above then never matches. A container reaching its own published port is
  // masqueraded by address instead (a peer on the same bridge keeps its address, as with Docker).
  const targets = [...new Set(forwards.map((f) => f.containerIp))].sort(compareIps);
  const self = targets.map((ip) => `ip saddr ${ip} ip daddr ${ip} ct status dnat masquerade`);
  return [...loopback, ...outbound, ...hairpin, ...self];
}

function forwardRules(networks: readonly FirewallNetwork[]): string[] {
  const rules: string[] = [];
  for (const a of networks) {
    for (const b of networks) {
      if (a.bridge !== b.bridge) rules.push(`iifname ${quoted(a.bridge)} oifname ${quoted(b.bridge)} drop`);
    }
  }
  for (const n of networks.filter((network) => network.internal)) {
    rules.push(`iifname ${quoted(n.bridge)} oifname != ${quoted(n.bridge)} drop`);
    rules.push(`oifname ${quoted(n.bridge)} iifname != ${quoted(n.bridge)} drop`);
  }
  if (networks.length > 0) {
    const ours = nameSet(networks.map((n) => n.bridge));
    rules.push("ct state established,related accept");
    rules.push(`iifname ${ours} accept`);
    rules.push(`oifname ${ours} accept`);
  }
  return rules;
}

function inputRules(networks: readonly FirewallNetwork[]): string[] {
  const rules: string[] = [];
  for (const from of networks) {
    for (const to of networks) {
      if (from.bridge !== to.bridge) rules.push(`iifname ${quoted(from.bridge)} ip daddr ${to.gateway} drop`);
    }
  }
  return rules;
}

function chain(name: string, hook: string, rules: readonly string[]): string[] {
  return [`  chain ${name} {`, `    ${hook}; policy accept;`, ...rules.map((rule) => `    ${rule}`), "  }"];
}

/** One `nft -f -` script that atomically replaces the instance's table with the given state. */
export function renderRuleset(table: string, state: FirewallState): string {
  const networks = [...state.networks].sort((a, b) => compare(a.bridge, b.bridge));
  const dnat = dnatRules(state.forwards);
  const lines = [
    `table ip ${table} {}`,
    `delete table ip ${table}`,
    `table ip ${table} {`,
    ...chain("prerouting", "type nat hook prerouting priority dstnat", dnat),
    ...chain("output", "type nat hook output priority -100", dnat),
    ...chain(
      "postrouting",
      "type nat hook postrouting priority srcnat",
      postroutingRules(networks, state.forwards),
    ),
    ...chain("forward", "type filter hook forward priority filter", forwardRules(networks)),
    ...chain("input", "type filter hook input priority filter", inputRules(networks)),
    "}",
  ];
  return `${lines.join("\n")}\n`;
}

/** One `nft -f -` script that deletes the table when it exists and does nothing otherwise. */
export function deleteTableScript(table: string): string {
  return `table ip ${table} {}\ndelete table ip ${table}\n`;
}
