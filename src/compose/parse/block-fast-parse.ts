import { SourceMap } from "../source-map.js";
import { parseBlock } from "./block-parse.js";
import { DeferredLocations } from "./deferred-locations.js";
import type { ParsedFile } from "./parsed-file.js";

/**
 * Parses a compose file written in plain block YAML with the purpose-built parser (block-parse.ts),
 * the fastest path; returns undefined for anything it declines (the js-yaml path is next).
 */
export function parsePlainBlock(text: string, file: string): ParsedFile | undefined {
  try {
    return parsePlainBlockOrDecline(text, file);
  } catch {
    // Decline, and anything unforeseen alike: the next path reads the file.
    return undefined;
  }
}

/** Like parsePlainBlock, but throws the reason (a Decline) instead of returning undefined. */
export function parsePlainBlockOrDecline(text: string, file: string): ParsedFile {
  const value = parseBlock(text);
  const sources = new SourceMap();
  sources.addLazy(new DeferredLocations(text, file));
  return { value, sources };
}
