import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enforceUnicity, mergeTrees, resolveTags } from "../../../../src/compose/merge/index.js";
import { type RawMap, type RawValue, TaggedValue } from "../../../../src/compose/tree.js";

// Keys that reach the special rules (and a few hostile ones), so random trees exercise the table.
const key = fc.oneof(
  fc.constantFrom(
    "services",
    "web",
    "environment",
    "labels",
    "build",
    "args",
    "networks",
    "aliases",
    "volumes",
    "ports",
    "secrets",
    "logging",
    "driver",
    "options",
    "depends_on",
    "command",
    "ulimits",
    "nofile",
    "ipam",
    "config",
    "subnet",
    "models",
    "extra_hosts",
    "target",
    "x-a",
    "FOO",
    "__proto__",
    "constructor",
  ),
  fc.string({ maxLength: 4 }),
);
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom("FOO=1", "8080:80", "./a:/a", "C:\\x:/y", "a::b", "="),
  fc.string({ maxLength: 6 }),
);

function toMap(entries: readonly (readonly [string, RawValue])[]): RawMap {
  const out: RawMap = {};
  for (const [k, v] of entries)
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const { value: anyValue, map: anyMap } = fc.letrec<{
  value: RawValue;
  map: RawMap;
  seq: RawValue[];
  tagged: RawValue;
}>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalar, tie("map"), tie("seq"), tie("tagged")),
  map: fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map(toMap),
  seq: fc.array(tie("value"), { maxLength: 4 }),
  tagged: fc
    .tuple(fc.constantFrom("!reset" as const, "!override" as const), tie("value"))
    .map(([tag, v]) => new TaggedValue(tag, v)),
}));
const { map: plainMap } = fc.letrec<{ value: RawValue; map: RawMap; seq: RawValue[] }>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalar, tie("map"), tie("seq")),
  map: fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map(toMap),
  seq: fc.array(tie("value"), { maxLength: 4 }),
}));
/** Compose-like documents: often a map under `services.web`, so the service rules apply. */
const doc = fc.oneof(
  anyMap,
  anyMap.map((m) => toMap([["services", toMap([["web", m]])]])),
);

function snapshot(value: RawValue): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof TaggedValue ? { tag: v.tag, of: v.value } : v,
  );
}

function hasTag(value: RawValue): boolean {
  if (value instanceof TaggedValue) return true;
  if (Array.isArray(value)) return value.some(hasTag);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasTag);
  return false;
}

describe("mergeTrees properties", () => {
  it("never throws, never changes its inputs, and returns a tag-free tree", () => {
    fc.assert(
      fc.property(fc.oneof(doc, anyValue), fc.oneof(doc, anyValue), (base, override) => {
        const [b0, o0] = [snapshot(base), snapshot(override)];
        const out = enforceUnicity(mergeTrees(base, override));
        expect(hasTag(out)).toBe(false);
        expect([snapshot(base), snapshot(override)]).toEqual([b0, o0]);
      }),
      { numRuns: 500 },
    );
  });

  it("merging an empty override keeps the base's content", () => {
    fc.assert(
      fc.property(plainMap, (base) => {
        const out = mergeTrees(base, {});
        expect(out).toEqual(base);
        expect(snapshot(out)).toBe(snapshot(base));
      }),
      { numRuns: 300 },
    );
  });

  it("merging an empty override keeps a tagged base's content, tags resolved", () => {
    fc.assert(
      fc.property(doc, (base) => {
        expect(mergeTrees(base, {})).toEqual(resolveTags(base));
      }),
      { numRuns: 300 },
    );
  });

  it("merging onto an empty base gives the override's content (tags resolved)", () => {
    fc.assert(
      fc.property(doc, (override) => {
        expect(mergeTrees({}, override)).toEqual(resolveTags(override));
      }),
      { numRuns: 300 },
    );
  });

  it("enforceUnicity is idempotent", () => {
    fc.assert(
      fc.property(doc, (tree) => {
        const once = enforceUnicity(resolveTags(tree));
        expect(enforceUnicity(once)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});
