import { z } from "zod";
import { ContainerStatus, MountPoint } from "./container-inspect.js";
import { boolParam, filtersParam, intParam } from "./query.js";

/** A published port as the list reports it. */
export const PortSummary = z.object({
  IP: z.string().optional(),
  PrivatePort: z.number().int(),
  PublicPort: z.number().int().optional(),
  Type: z.enum(["tcp", "udp", "sctp"]),
});

/** One entry of GET /containers/json. */
export const ContainerSummary = z.object({
  Id: z.string(),
  Names: z.array(z.string()),
  Image: z.string(),
  ImageID: z.string(),
  Command: z.string(),
  Created: z.number().int(),
  Ports: z.array(PortSummary),
  Labels: z.record(z.string(), z.string()),
  State: ContainerStatus,
  Status: z.string(),
  HostConfig: z.object({ NetworkMode: z.string() }),
  NetworkSettings: z.object({ Networks: z.record(z.string(), z.looseObject({})) }),
  Mounts: z.array(MountPoint),
});
/** One entry of GET /containers/json. */
export type ContainerSummary = z.infer<typeof ContainerSummary>;

/** Filter keys GET /containers/json understands. */
export const containerFilterKeys = ["ancestor", "exited", "id", "label", "name", "status"] as const;

/** GET /containers/json query. */
export const ContainerListQuery = z.object({
  all: boolParam,
  limit: intParam,
  size: boolParam,
  filters: filtersParam,
});
/** GET /containers/json query, parsed. */
export type ContainerListQuery = z.infer<typeof ContainerListQuery>;

/** What a list filter needs to know about one container. */
export interface FilterableContainer {
  id: string;
  name: string;
  labels: Record<string, string>;
  status: ContainerStatus;
  exitCode: number;
  /** Names the image may be called by: as given on create, its resolved name(s), and its id. */
  imageNames: readonly string[];
}

function matchesLabel(labels: Record<string, string>, wanted: string): boolean {
  const eq = wanted.indexOf("=");
  if (eq < 0) return wanted in labels;
  return labels[wanted.slice(0, eq)] === wanted.slice(eq + 1);
}

/** Docker's name filter is a regular expression over the name (with its leading slash). */
function matchesName(name: string, pattern: string): boolean {
  try {
    return new RegExp(pattern).test(`/${name.replace(/^\//, "")}`);
  } catch {
    return name.replace(/^\//, "") === pattern.replace(/^\//, "");
  }
}

/** Whether a container passes list filters: all keys must match, and within a key any value (labels: all). */
export function containerMatchesFilters(
  container: FilterableContainer,
  filters: Record<string, string[]>,
): boolean {
  for (const [key, values] of Object.entries(filters)) {
    if (values.length === 0) continue;
    const ok = (() => {
      switch (key) {
        case "label":
          return values.every((value) => matchesLabel(container.labels, value));
        case "name":
          return values.some((value) => matchesName(container.name, value));
        case "id":
          return values.some((value) => container.id.startsWith(value));
        case "status":
          return values.some((value) => container.status === value);
        case "exited":
          return (
            container.status === "exited" && values.some((value) => Number(value) === container.exitCode)
          );
        case "ancestor":
          return values.some((value) => container.imageNames.includes(value));
        default:
          return true;
      }
    })();
    if (!ok) return false;
  }
  return true;
}

/** Rejects filter keys the list does not know, as Docker does ("invalid filter 'x'"). */
export function unknownContainerFilters(filters: Record<string, string[]>): string[] {
  const known: readonly string[] = containerFilterKeys;
  return Object.keys(filters).filter((key) => !known.includes(key));
}
