import type { VolumeInspect } from "../../../app/volumes/volume-ops.js";
import type { ListLayout } from "../../render/format-list.js";

/** `docker volume ls`'s columns and headers. */
export const volumeLayout: ListLayout = {
  defaultTable: "table {{.Driver}}\\t{{.Name}}",
  headers: {
    Availability: "AVAILABILITY",
    Driver: "DRIVER",
    Group: "GROUP",
    Labels: "LABELS",
    Links: "LINKS",
    Mountpoint: "MOUNTPOINT",
    Name: "VOLUME NAME",
    Scope: "SCOPE",
    Size: "SIZE",
    Status: "STATUS",
  },
};

/** One row of `volume ls`: the fields templates reach (.Name .Driver …) and the `.Label "key"` method. */
export function volumeRow(volume: VolumeInspect): Record<string, unknown> {
  const labels = volume.Labels ?? {};
  return {
    Availability: "N/A",
    Driver: volume.Driver,
    Group: "N/A",
    Labels: Object.keys(labels)
      .sort()
      .map((key) => `${key}=${labels[key]}`)
      .join(","),
    Links: "N/A",
    Mountpoint: volume.Mountpoint,
    Name: volume.Name,
    Scope: volume.Scope,
    Size: "N/A",
    Status: "N/A",
    Label: (key: unknown) => labels[String(key)] ?? "",
  };
}
