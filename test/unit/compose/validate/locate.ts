import { SourceMap } from "../../../../src/compose/source-map.js";
import { isRawMap, type RawValue, type TreePath } from "../../../../src/compose/tree.js";

/** A SourceMap as a YAML parser would make it: one line per key or list item, in document order. */
export function locate(tree: RawValue, file = "compose.yaml"): SourceMap {
  const sources = new SourceMap();
  let line = 0;
  const visit = (value: RawValue, path: TreePath): void => {
    if (path.length > 0) sources.set(path, { file, line: ++line, column: 2 * path.length - 1 });
    if (Array.isArray(value))
      value.forEach((item, i) => {
        visit(item, [...path, i]);
      });
    else if (isRawMap(value)) for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  sources.set([], { file, line: 1, column: 1 });
  visit(tree, []);
  return sources;
}
