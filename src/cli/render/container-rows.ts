import type { ContainerSummary } from "../../app/containers/api-types.js";
import { displayPorts } from "../../app/networks/display-ports.js";
import { ago } from "./duration.js";
import type { ListLayout } from "./format-list.js";
import { ellipsis } from "./table.js";

/** `docker ps`'s columns and their titles. */
export const containerLayout: ListLayout = {
  defaultTable:
    "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}",
  headers: {
    ID: "CONTAINER ID",
    Image: "IMAGE",
    Command: "COMMAND",
    CreatedAt: "CREATED AT",
    RunningFor: "CREATED",
    Ports: "PORTS",
    State: "STATE",
    Status: "STATUS",
    Size: "SIZE",
    Names: "NAMES",
    Labels: "LABELS",
    Mounts: "MOUNTS",
    Networks: "NETWORKS",
    LocalVolumes: "LOCAL VOLUMES",
  },
};

/** A short id as Docker shows it: 12 hex digits without the `sha256:` prefix. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, "").slice(0, 12);
}

/** Go's time.Time.String() of a Unix time, in UTC ("2024-05-01 10:00:00 +0000 UTC"). */
export function goTime(unixSeconds: number): string {
  const iso = new Date(unixSeconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

function labelsText(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(",");
}

/** One row of `ps`: the fields templates reach (.ID .Names .Image …) and the `.Label "key"` method. */
export function containerRow(
  summary: ContainerSummary,
  options: { truncate: boolean; nowMs: number },
): Record<string, unknown> {
  const command = options.truncate ? ellipsis(summary.Command, 20) : summary.Command;
  const image =
    summary.Image.startsWith("sha256:") && options.truncate ? shortId(summary.Image) : summary.Image;
  const names = summary.Names.map((name) => name.replace(/^\//, ""));
  return {
    ID: options.truncate ? shortId(summary.Id) : summary.Id,
    Image: image,
    Command: `"${command}"`,
    CreatedAt: goTime(summary.Created),
    RunningFor: ago(summary.Created * 1000, options.nowMs),
    Ports: displayPorts(summary.Ports),
    State: summary.State,
    Status: summary.Status,
    Size: "",
    Names: (options.truncate ? names.filter((name) => !name.includes("/")) : names).join(","),
    Labels: labelsText(summary.Labels),
    Mounts: summary.Mounts.map((mount) => mount.Name ?? mount.Source).join(","),
    Networks: Object.keys(summary.NetworkSettings.Networks).sort().join(","),
    LocalVolumes: String(summary.Mounts.filter((mount) => mount.Type === "volume").length),
    Label: (key: unknown) => summary.Labels[String(key)] ?? "",
  };
}
