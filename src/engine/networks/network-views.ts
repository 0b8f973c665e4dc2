import type { NetworkContainer, NetworkInspect } from "../../api/index.js";
import type { NetworkRecord } from "./network-record.js";

/** A network as the views see it: a record, or one of Docker's pseudo networks "host" and "none". */
export interface NetworkEntry {
  id: string;
  name: string;
  driver: string;
  created: string;
  builtin: boolean;
  /** Absent for "host" and "none", and for "bridge" before its first use. */
  record?: NetworkRecord;
}

/** One container on a network, for inspect's Containers. */
export interface AttachedContainer {
  id: string;
  name: string;
  endpointId: string;
  mac: string;
  ip: string;
  prefix: number;
}

/** Docker's NetworkResource of one network. */
export function networkInspectOf(
  entry: NetworkEntry,
  attached: readonly AttachedContainer[],
): NetworkInspect {
  const record = entry.record;
  const containers: Record<string, NetworkContainer> = {};
  for (const c of [...attached].sort((a, b) => a.id.localeCompare(b.id))) {
    containers[c.id] = {
      Name: c.name,
      EndpointID: c.endpointId,
      MacAddress: c.mac,
      IPv4Address: `${c.ip}/${c.prefix}`,
      IPv6Address: "",
    };
  }
  const ipam = record?.ipam;
  return {
    Name: entry.name,
    Id: entry.id,
    Created: entry.created,
    Scope: "local",
    Driver: entry.driver,
    EnableIPv6: false,
    IPAM: {
      Driver: "default",
      Options: null,
      Config: ipam
        ? [
            {
              Subnet: ipam.subnet,
              Gateway: ipam.gateway,
              ...(ipam.ipRange ? { IPRange: ipam.ipRange } : {}),
              ...(Object.keys(ipam.auxAddresses).length > 0
                ? { AuxiliaryAddresses: { ...ipam.auxAddresses } }
                : {}),
            },
          ]
        : [],
    },
    Internal: record?.internal ?? false,
    Attachable: record?.attachable ?? false,
    Ingress: false,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Containers: containers,
    Options: { ...(record?.options ?? {}) },
    Labels: { ...(record?.labels ?? {}) },
  };
}

function matchesLabel(labels: Record<string, string>, wanted: string): boolean {
  const eq = wanted.indexOf("=");
  if (eq < 0) return wanted in labels;
  return labels[wanted.slice(0, eq)] === wanted.slice(eq + 1);
}

/** Filter keys GET /networks understands. */
export const networkFilterKeys = ["dangling", "driver", "id", "label", "name", "scope", "type"] as const;

/** Whether a network passes GET /networks filters (`inUse`: some container is on it). */
export function networkMatchesFilters(
  entry: NetworkEntry,
  inUse: boolean,
  filters: Record<string, string[]>,
): boolean {
  const labels = entry.record?.labels ?? {};
  for (const [key, values] of Object.entries(filters)) {
    if (values.length === 0) continue;
    const ok = (() => {
      switch (key) {
        case "dangling":
          return values.some((v) =>
            v === "true" || v === "1" ? !inUse && !entry.builtin : inUse || entry.builtin,
          );
        case "driver":
          return values.includes(entry.driver);
        case "id":
          return values.some((v) => entry.id.startsWith(v));
        case "label":
          return values.every((v) => matchesLabel(labels, v));
        case "name":
          return values.some((v) => entry.name.includes(v));
        case "scope":
          return values.includes("local");
        case "type":
          return values.some((v) =>
            v === "builtin" ? entry.builtin : v === "custom" ? !entry.builtin : false,
          );
        default:
          return true;
      }
    })();
    if (!ok) return false;
  }
  return true;
}
