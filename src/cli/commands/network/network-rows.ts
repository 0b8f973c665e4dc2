import type { NetworkInspect } from "../../../app/networks/network-types.js";
import type { ListLayout } from "../../render/format-list.js";

/** `docker network ls`'s columns and the titles of every field. */
export const networkLayout: ListLayout = {
  defaultTable: "table {{.ID}}\\t{{.Name}}\\t{{.Driver}}\\t{{.Scope}}",
  headers: {
    ID: "NETWORK ID",
    Name: "NAME",
    Driver: "DRIVER",
    Scope: "SCOPE",
    IPv4: "IPV4",
    IPv6: "IPV6",
    Internal: "INTERNAL",
    Labels: "LABELS",
    CreatedAt: "CREATED AT",
  },
};

/** RFC 3339 text as Go's time.Time.String() prints it (`2024-05-01 10:00:00.123456789 +0000 UTC`). */
export function goTimeText(rfc3339: string): string {
  const found = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(rfc3339);
  if (!found) return rfc3339;
  const fraction = (found[3] ?? "").replace(/0+$/, "");
  return `${found[1]} ${found[2]}${fraction !== "" ? `.${fraction}` : ""} +0000 UTC`;
}

/** One row of `network ls`: the fields templates reach (.ID .Name .Driver …) and `.Label "key"`. */
export function networkRow(network: NetworkInspect, options: { truncate: boolean }): Record<string, unknown> {
  const labels = network.Labels;
  return {
    ID: options.truncate ? network.Id.slice(0, 12) : network.Id,
    Name: network.Name,
    Driver: network.Driver,
    Scope: network.Scope,
    IPv4: String(network.IPAM.Config.some((pool) => !pool.Subnet.includes(":"))),
    IPv6: String(network.EnableIPv6),
    Internal: String(network.Internal),
    Labels: Object.keys(labels)
      .sort()
      .map((key) => `${key}=${labels[key]}`)
      .join(","),
    CreatedAt: goTimeText(network.Created),
    Label: (key: unknown) => labels[String(key)] ?? "",
  };
}
