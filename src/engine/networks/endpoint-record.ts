/** One network a container is on (kept in its ContainerRecord, keyed by network id). */
export interface EndpointRecord {
  /** The network's name (inspect shows it; a renamed network does not exist in Docker either). */
  name: string;
  /** Network-scoped DNS aliases (compose `aliases`, `--network-alias`). */
  aliases: string[];
  /** Legacy links `container[:alias]` given on this endpoint. */
  links: string[];
  /** Static address asked for (`ipv4_address`, `--ip`). */
  staticIp?: string;
  /** MAC address asked for. */
  mac?: string;
  /** Gateway priority: the highest becomes the default route when NetworkMode names none. */
  priority: number;
  /** Set while attached (from the start until the exit). */
  ip?: string;
  prefix?: number;
  gateway?: string;
  macAddress?: string;
  hostVeth?: string;
  ifname?: string;
  endpointId?: string;
}

/** How a container is networked, decided at create. */
export type NetworkPlan =
  | { kind: "none" }
  | { kind: "host" }
  | { kind: "container"; target: string }
  | { kind: "networks"; primary: string; endpoints: Record<string, EndpointRecord> };

/** Whether an endpoint currently holds an address (attached, or recorded as attaching). */
export function isAttached(endpoint: EndpointRecord): boolean {
  return endpoint.ip !== undefined;
}

/** Clears the runtime part of an endpoint (after a detach); keeps what the user asked for. */
export function clearAttachment(endpoint: EndpointRecord): void {
  delete endpoint.ip;
  delete endpoint.prefix;
  delete endpoint.gateway;
  delete endpoint.macAddress;
  delete endpoint.hostVeth;
  delete endpoint.ifname;
  delete endpoint.endpointId;
}
