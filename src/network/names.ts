import { createHash } from "node:crypto";

/** Where `ip netns add` puts its bind mounts. */
export const NETNS_DIR = "/var/run/netns";

/** Every kernel-object name of one engine instance (all start with "berth"). */
export interface KernelNames {
  /** The instance's nftables table (family ip): "berth_" + sanitized instance, at most 60 characters. */
  table: string;
  /** The bridge of one network: "berth" + 10 hex digits (15 characters). */
  bridge(networkId: string): string;
  /** The netns of one container: "berth-" + instance + "-" + the first 12 characters of its id. */
  netns(containerId: string): string;
  /** The host end of one container's veth on one network: "berth" + 10 hex digits (15 characters). */
  veth(containerId: string, networkId: string): string;
}

/** The most characters a Linux interface name may have. */
export const IFNAME_MAX = 15;

const TABLE_MAX = 60;

function hex(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function tableName(instance: string): string {
  const sanitized = instance.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  const plain = `berth_${sanitized}`;
  // A changed or shortened name gets a hash of the original, so two instances never share a table.
  if (sanitized === instance && plain.length <= TABLE_MAX) return plain;
  return `berth_${sanitized.slice(0, TABLE_MAX - 6 - 9)}_${hex(instance, 8)}`;
}

/** The names of the kernel objects (table, bridges, netns, veths) of one engine instance. */
export function kernelNames(instance: string): KernelNames {
  return {
    table: tableName(instance),
    bridge: (networkId) => `berth${hex(`${instance}/${networkId}`, 10)}`,
    netns: (containerId) => `berth-${instance}-${containerId.slice(0, 12)}`,
    veth: (containerId, networkId) => `berth${hex(`v:${instance}/${containerId}/${networkId}`, 10)}`,
  };
}
