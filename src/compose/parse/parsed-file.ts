import type { SourceMap } from "../source-map.js";
import type { RawValue } from "../tree.js";

/** One compose file parsed into a raw tree, with where each value was written. */
export interface ParsedFile {
  /**
   * The top-level mapping, or null for an empty file (only comments, or nothing). A fresh tree that
   * shares no node, not even where aliases repeat one (each is a copy): callers may change it in place.
   */
  value: RawValue;
  /** Locations by tree path. Values reached through an alias sit at the alias; what is inside them,
   * and entries merged by `<<`, sit where they are written (in the anchored node). */
  sources: SourceMap;
}
