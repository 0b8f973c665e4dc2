import type { LazyLocations, SourceLocation } from "../source-map.js";
import { pathKey, type TreePath } from "../tree.js";
import { convertCarefully } from "./careful-parse.js";

/**
 * The locations of a file that the plain block parser read (it records none): found when first
 * asked by parsing the text again with the careful path, which locates every value. Only errors
 * ask, so files without problems never pay for it.
 */
export class DeferredLocations implements LazyLocations {
  private found: Map<string, readonly [TreePath, SourceLocation]> | undefined;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  /** The location of the value at `path`, as the careful path records it. */
  at(path: TreePath): SourceLocation | undefined {
    return this.locations().get(pathKey(path))?.[1];
  }

  /** Every located path with its location. */
  entries(): Iterable<readonly [TreePath, SourceLocation]> {
    return this.locations().values();
  }

  private locations(): Map<string, readonly [TreePath, SourceLocation]> {
    if (this.found === undefined) {
      const found = new Map<string, readonly [TreePath, SourceLocation]>();
      try {
        convertCarefully(this.text, this.file, (path, location) => {
          found.set(pathKey(path), [path, location]);
        });
      } catch {
        // The block parser only accepts what the careful path accepts; should that ever fail,
        // errors lose their locations rather than hide the error being reported.
        found.clear();
      }
      this.found = found;
    }
    return this.found;
  }
}
