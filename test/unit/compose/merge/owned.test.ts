import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  enforceUnicity,
  enforceUnicityInPlace,
  mergeOwnedTrees,
  mergeTrees,
  resolveTags,
  resolveTagsInPlace,
} from "../../../../src/compose/merge/index.js";
import { isRawMap, type RawMap, type RawValue, TaggedValue } from "../../../../src/compose/tree.js";

const key = fc.oneof(
  fc.constantFrom(
    "services",
    "web",
    "environment",
    "labels",
    "build",
    "networks",
    "aliases",
    "volumes",
    "ports",
    "secrets",
    "logging",
    "driver",
    "depends_on",
    "command",
    "ulimits",
    "ipam",
    "config",
    "subnet",
    "extra_hosts",
    "target",
    "__proto__",
  ),
  fc.string({ maxLength: 3 }),
);
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom("FOO=1", "FOO=2", "8080:80", "./a:/a", "b:/a", "="),
  fc.string({ maxLength: 4 }),
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
const doc = fc.oneof(
  anyMap,
  anyMap.map((m) => toMap([["services", toMap([["web", m]])]])),
);

/** A deep copy that shares no node (what the loader hands to the in-place functions). */
function copy(value: RawValue): RawValue {
  if (value instanceof TaggedValue) return new TaggedValue(value.tag, copy(value.value));
  if (Array.isArray(value)) return value.map(copy);
  if (isRawMap(value)) return toMap(Object.keys(value).map((k) => [k, copy(value[k] as RawValue)] as const));
  return value;
}

function snapshot(value: RawValue | undefined): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof TaggedValue ? { tag: v.tag, of: v.value } : v,
  );
}

describe("in-place variants give what the pure functions give", () => {
  it("mergeOwnedTrees ≡ mergeTrees", () => {
    fc.assert(
      fc.property(fc.oneof(doc, anyValue), fc.oneof(doc, anyValue), (base, override) => {
        const want = snapshot(mergeTrees(base, override));
        expect(snapshot(mergeOwnedTrees(copy(base), copy(override)))).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it("mergeOwnedTrees at a service path ≡ mergeTrees of the wrapped services", () => {
    fc.assert(
      fc.property(anyMap, anyMap, (base, override) => {
        const wrap = (service: RawMap): RawMap => toMap([["services", toMap([["web", service]])]]);
        const merged = mergeTrees(wrap(base), wrap(override)) as RawMap;
        const want = snapshot((merged.services as RawMap).web);
        expect(snapshot(mergeOwnedTrees(copy(base), copy(override), ["services", "web"]))).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it("resolveTagsInPlace ≡ resolveTags", () => {
    fc.assert(
      fc.property(fc.oneof(doc, anyValue), (tree) => {
        expect(snapshot(resolveTagsInPlace(copy(tree)))).toBe(snapshot(resolveTags(tree)));
      }),
      { numRuns: 500 },
    );
  });

  it("enforceUnicityInPlace ≡ enforceUnicity", () => {
    fc.assert(
      fc.property(doc, (tree) => {
        const resolved = resolveTags(tree);
        expect(snapshot(enforceUnicityInPlace(copy(resolved)))).toBe(snapshot(enforceUnicity(resolved)));
      }),
      { numRuns: 500 },
    );
  });

  it("de-duplicates a service's ports in place", () => {
    const tree: RawMap = { services: { web: { ports: ["80:80", "81:81", "80:80"], image: "x" } } };
    expect(enforceUnicityInPlace(tree)).toEqual({
      services: { web: { ports: ["80:80", "81:81"], image: "x" } },
    });
  });
});
