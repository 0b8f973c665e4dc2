import type { ImageRecord } from "../store/image-store.js";
import { repoTags, unixSeconds } from "./image-views.js";

/** One row of `GET /images/{name}/history`. */
export interface HistoryRow {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

interface RawHistory {
  created?: unknown;
  created_by?: unknown;
  comment?: unknown;
  empty_layer?: unknown;
}

const str = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * Docker's image history, newest first: history entries that made a layer take that layer's size (in
 * order), the top row carries the image id and tags, the others `<missing>` as Docker shows them.
 * Without a history, one row per layer.
 */
export function imageHistoryView(record: ImageRecord, layerSizes?: readonly number[]): HistoryRow[] {
  const sizes = layerSizes ?? record.manifest.layers.map((layer) => layer.size);
  const raw = record.config.raw.history;
  const history: RawHistory[] = Array.isArray(raw)
    ? raw.filter((item): item is RawHistory => typeof item === "object" && item !== null)
    : record.manifest.layers.map(() => ({}));
  let layer = 0;
  const rows = history.map((item) => {
    const empty = item.empty_layer === true;
    const size = empty ? 0 : (sizes[layer] ?? 0);
    if (!empty) layer += 1;
    return {
      Id: "<missing>",
      Created: unixSeconds(typeof item.created === "string" ? item.created : record.config.created),
      CreatedBy: str(item.created_by),
      Tags: null,
      Size: size,
      Comment: str(item.comment),
    } satisfies HistoryRow as HistoryRow;
  });
  rows.reverse();
  const top = rows[0];
  if (top) {
    top.Id = record.id;
    top.Tags = repoTags(record);
  }
  return rows;
}
