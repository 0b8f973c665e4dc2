import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SourceMap } from "../../../../src/compose/source-map.js";
import { formatPath, type RawMap, type RawValue } from "../../../../src/compose/tree.js";
import { validateProject } from "../../../../src/compose/validate/validate-project.js";

// Walks the Compose Specification's JSON schema and checks, for every object it defines, that the zod
// model accepts each property, treats unknown keys and `x-` keys the same way, so a missing attribute fails.
const schemaPath = join(import.meta.dirname, "../../../../../shared/compose-spec.schema.json");
type Node = { [key: string]: unknown };
const root = JSON.parse(readFileSync(schemaPath, "utf8")) as Node;

function resolve(node: Node): Node {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  const name = ref.replace("#/$defs/", "");
  return resolve(((root.$defs as Node)[name] ?? {}) as Node);
}

interface Place {
  where: (string | number)[];
  node: Node;
}

function sampleKey(pattern: string): string {
  return pattern === "^[a-z]+$" ? "nofile" : "n1";
}

function collect(raw: Node, where: (string | number)[], out: Place[]): void {
  const node = resolve(raw);
  const properties = node.properties as Record<string, Node> | undefined;
  if (properties) {
    out.push({ where, node });
    for (const [key, child] of Object.entries(properties)) collect(child, [...where, key], out);
  }
  const patterns = node.patternProperties as Record<string, Node> | undefined;
  for (const [pattern, child] of Object.entries(patterns ?? {})) {
    if (pattern !== "^x-" && !pattern.includes(".+")) collect(child, [...where, sampleKey(pattern)], out);
  }
  if (node.items) collect(node.items as Node, [...where, 0], out);
  for (const option of (node.oneOf ?? node.anyOf ?? []) as Node[]) collect(option, where, out);
}

function setIn(where: (string | number)[], leaf: RawMap): RawValue {
  const [head, ...rest] = where;
  if (head === undefined) return leaf;
  const inner = setIn(rest, leaf);
  return typeof head === "number" ? [inner] : { [head]: inner };
}

function messagesAt(where: (string | number)[], leaf: RawMap): string[] {
  const issues = validateProject(setIn(where, leaf), new SourceMap());
  const prefix = formatPath(where);
  return issues.filter((i) => i.path.startsWith(prefix)).map((i) => `${i.path}: ${i.message}`);
}

const places: Place[] = [];
collect(root, [], places);

describe("every object of the JSON schema", () => {
  it("finds the objects to check", () => {
    expect(places.length).toBeGreaterThan(60);
    expect(places.map((p) => formatPath(p.where))).toContain("services.n1.deploy.resources.reservations");
  });

  for (const { where, node } of places) {
    const label = formatPath(where) || "(top level)";
    const properties = Object.keys(node.properties as Node);
    const closed = node.additionalProperties === false;
    const extensions = Object.hasOwn((node.patternProperties ?? {}) as Node, "^x-");

    it(`${label}: accepts all ${properties.length} properties`, () => {
      const rejected = properties.filter((key) =>
        messagesAt(where, { [key]: null }).some((m) => m.includes(`additional property "${key}"`)),
      );
      expect(rejected).toEqual([]);
    });

    it(`${label}: ${closed ? "rejects" : "accepts"} unknown keys`, () => {
      const found = messagesAt(where, { zz_unknown: null }).filter((m) => m.includes('"zz_unknown"'));
      if (closed)
        expect(found).toEqual([
          `${formatPath([...where, "zz_unknown"])}: additional property "zz_unknown" is not allowed`,
        ]);
      else expect(found).toEqual([]);
    });

    it(`${label}: ${extensions || !closed ? "accepts" : "rejects"} x- extensions`, () => {
      const found = messagesAt(where, { "x-probe": { any: ["thing"] } }).filter((m) => m.includes("x-probe"));
      expect(found.length).toBe(extensions || !closed ? 0 : 1);
    });
  }
});
