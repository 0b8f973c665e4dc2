import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import type { z } from "zod";
import { generateProject } from "../../../../src/bench/generate-project.js";
import { readComposeFile } from "../../../../src/compose/load/load-file.js";
import { loadProject } from "../../../../src/compose/load/load-project.js";
import { SourceMap } from "../../../../src/compose/source-map.js";
import { structureOf } from "../../../../src/compose/validate/schema/object.js";
import { precheckOf } from "../../../../src/compose/validate/schema/precheck.js";
import { project } from "../../../../src/compose/validate/schema/project.js";
import { service } from "../../../../src/compose/validate/schema/service.js";
import { validateProject } from "../../../../src/compose/validate/validate-project.js";
import { conformanceRoot } from "../../../support/conformance.js";
import { realisticProject } from "./fixtures.js";

/** zod's own verdict (the loader's report is built from it). */
function zodAccepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value, { reportInput: true }).success;
}

// Strings that match, or nearly match, the patterns of the schema (durations, sizes, names, policies).
const STRINGS = [
  "",
  "x",
  "web",
  "Web_1.a-b",
  "bad name",
  "-lead",
  "30s",
  "1m30s",
  "0",
  "1.5h",
  "soon",
  "512m",
  "2GiB",
  "1.5 gb",
  "-1",
  "12x",
  "always",
  "every_1d",
  "every_x",
  "service_started",
  "service_healthy",
  "bind",
  "volume",
  "sync",
  "all",
  "start-first",
  "host",
  "z",
  "enabled",
  "x-ext",
  "KEY=value",
  "8080:80",
  "./data:/data",
  "$VAR",
];
const NUMBERS = [0, 1, -1, 80, 100, 101, -1000, -1001, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY];
const KEYS = ["image", "x-note", "unknown", "__proto__", "constructor", "web", "bad key", "nofile"];

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...NUMBERS),
  fc.integer(),
  fc.constantFrom(...STRINGS),
);

/** Any value at all: what a user might write where the schema wants something else. */
const { anything } = fc.letrec<{ anything: unknown }>((tie) => ({
  anything: fc.oneof(
    { depthSize: "small", maxDepth: 2 },
    scalar,
    fc.array(tie("anything"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS, ...STRINGS), tie("anything"), { maxKeys: 3 }),
  ),
}));

interface Definition {
  type: string;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}

const memo = new Map<z.ZodType, Map<number, fc.Arbitrary<unknown>>>();

/** Values shaped by `schema`, mostly valid, with wrong values, unknown keys and duplicates mixed in. */
function shaped(schema: z.ZodType, depth: number): fc.Arbitrary<unknown> {
  let byDepth = memo.get(schema);
  if (byDepth === undefined) {
    byDepth = new Map();
    memo.set(schema, byDepth);
  }
  let arbitrary = byDepth.get(depth);
  if (arbitrary === undefined) {
    const right = depth <= 0 ? scalar : fc.constant(null).chain(() => rightShape(schema, depth - 1));
    arbitrary = fc.oneof({ weight: 9, arbitrary: right }, { weight: 1, arbitrary: anything });
    byDepth.set(depth, arbitrary);
  }
  return arbitrary;
}

function keyed(
  keys: readonly string[],
  entryOf: (key: string) => fc.Arbitrary<unknown>,
  extraKeys: readonly string[],
) {
  return fc
    .tuple(
      fc.subarray([...keys], { maxLength: Math.min(3, keys.length) }),
      fc.subarray([...extraKeys], { maxLength: Math.min(1, extraKeys.length) }),
    )
    .chain(([chosen, extra]) => {
      const names = [...new Set([...chosen, ...extra])];
      const entries = names.map((name) => entryOf(name).map((value) => [name, value] as const));
      return fc.tuple(...entries).map((pairs) => {
        const out: Record<string, unknown> = {};
        for (const [name, value] of pairs)
          Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
        return out;
      });
    });
}

function rightShape(schema: z.ZodType, depth: number): fc.Arbitrary<unknown> {
  const structure = structureOf(schema);
  if (structure !== undefined) {
    switch (structure.kind) {
      case "strict": {
        const { schemas, required } = structure;
        const entryOf = (key: string) => shaped(schemas.get(key) ?? schema, depth);
        return fc
          .tuple(
            keyed([...schemas.keys()], entryOf, ["x-ext", "imagee"]),
            fc.tuple(...required.map(entryOf)),
            fc.integer({ min: 0, max: 9 }),
          )
          .map(([out, values, roll]) => {
            // Required keys are there, except now and then.
            if (roll > 0)
              required.forEach((key, index) => {
                if (!Object.hasOwn(out, key)) out[key] = values[index];
              });
            return out;
          });
      }
      case "pattern":
      case "named":
        return keyed(["web", "db", "n1", "nofile"], () => shaped(structure.value, depth), ["bad key", "Up"]);
      case "unique":
        return fc
          .array(shaped(structure.item, depth), { maxLength: 3 })
          .chain((items) =>
            fc.boolean().map((twice) => (twice && items.length > 0 ? [...items, items[0]] : items)),
          );
    }
  }
  const def = schema._zod.def as Definition;
  switch (def.type) {
    case "string":
      return fc.constantFrom(...STRINGS);
    case "number":
      return fc.oneof(fc.constantFrom(...NUMBERS), fc.integer({ min: -2000, max: 2000 }));
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "enum":
    case "literal":
      return fc.oneof(
        fc.constantFrom(...(schema._zod.values ?? new Set(["x"]))),
        fc.constantFrom(...STRINGS),
      );
    case "optional":
    case "nullable":
      return def.innerType ? shaped(def.innerType, depth) : anything;
    case "union":
      return fc.oneof(...(def.options ?? []).map((option) => shaped(option, depth)));
    case "array":
      return fc.array(def.element ? shaped(def.element, depth) : anything, { maxLength: 3 });
    case "record":
      return keyed(
        ["a", "B", "__proto__"],
        () => (def.valueType ? shaped(def.valueType, depth) : anything),
        [],
      );
    case "object":
      return keyed(
        Object.keys(def.shape ?? {}),
        (key) => (def.shape?.[key] ? shaped(def.shape[key], depth) : anything),
        ["other"],
      );
    default:
      return anything;
  }
}

/** Checks "pre-check says fine ⇒ zod says fine" on one value; returns the two verdicts. */
function compare(schema: z.ZodType, value: unknown): { pre: boolean; zod: boolean } {
  const pre = precheckOf(schema)(value);
  const zod = zodAccepts(schema, value);
  if (pre && !zod) throw new Error(`pre-check accepts what zod rejects: ${JSON.stringify(value)}`);
  return { pre, zod };
}

describe("validation pre-check", () => {
  it("never accepts a generated project that zod rejects, and accepts most that zod accepts", () => {
    const tally = { pre: 0, zod: 0, runs: 0 };
    fc.assert(
      fc.property(shaped(project, 7), (value) => {
        const { pre, zod } = compare(project, value);
        tally.runs++;
        if (pre) tally.pre++;
        if (zod) tally.zod++;
      }),
      { numRuns: 3000 },
    );
    // Both verdicts are common, so the property above is not vacuous either way.
    expect(tally.zod).toBeGreaterThan(tally.runs / 10);
    expect(tally.zod).toBeLessThan(tally.runs * 0.9);
    expect(tally.pre).toBeGreaterThan(tally.zod * 0.8);
  });

  it("never accepts a generated service that zod rejects", () => {
    let accepted = 0;
    fc.assert(
      fc.property(shaped(service, 6), (value) => {
        if (compare(service, value).pre) accepted++;
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });

  it("agrees with zod on every compose document of the conformance corpus", () => {
    const documents: unknown[] = [];
    collectCorpus(conformanceRoot, documents);
    expect(documents.length).toBeGreaterThan(50);
    let rejected = 0;
    for (const document of documents) {
      if (!compare(project, document).zod) rejected++;
      const services = (document as { services?: unknown }).services;
      if (services !== null && typeof services === "object")
        for (const entry of Object.values(services)) compare(service, entry);
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it("passes the realistic fixture and the bench project, so zod does not run for them", () => {
    expect(precheckOf(project)(realisticProject())).toBe(true);
    const files = generateProject(20);
    const host = {
      readFile: (path: string) => files[path.replace("/bench/", "")],
      isDirectory: (path: string) => path === "/bench",
    };
    const context = {
      host,
      lookup: (name: string) => (name === "REGION" ? "eu" : undefined),
      interpolate: true,
    };
    // The override file's `!override` tags are merged away before validation.
    for (const name of ["compose.yaml", "common.yaml"])
      expect(precheckOf(project)(readComposeFile(`/bench/${name}`, undefined, context).tree)).toBe(true);
    const loaded = loadProject(
      { files: [], cwd: "/bench", environment: { REGION: "eu" }, normalize: false, skipValidation: true },
      host,
    );
    expect(Object.keys(loaded.project.services)).toHaveLength(20);
    expect(precheckOf(project)(loaded.project)).toBe(true);
  });

  it("still reports every problem through zod when the pre-check finds one", () => {
    const tree = { services: { web: { image: 5, ports: ["80", "80"], healthcheck: { interval: "soon" } } } };
    expect(precheckOf(project)(tree)).toBe(false);
    expect(validateProject(tree, new SourceMap()).map((issue) => issue.path)).toEqual([
      "services.web.healthcheck.interval",
      "services.web.image",
      "services.web.ports[1]",
    ]);
  });
});

/** Every mapping with `services` in the corpus's YAML files, also inside the cases' inline file texts. */
function collectCorpus(dir: string, out: unknown[]): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collectCorpus(path, out);
    else if (/\.ya?ml$/.test(name)) collectText(readFileSync(path, "utf8"), out);
  }
}

function collectText(text: string, out: unknown[]): void {
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) continue;
    let value: unknown;
    try {
      value = document.toJS();
    } catch {
      continue; // an alias bomb, kept in the corpus to check that the loader refuses it
    }
    collectValue(value, out);
  }
}

function collectValue(value: unknown, out: unknown[]): void {
  if (typeof value === "string") {
    // Inline file texts of the cases (a one-line string would parse back into itself).
    if (value.includes("\n") && /^(services|volumes|networks):/m.test(value)) collectText(value, out);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectValue(item, out);
    return;
  }
  if (value === null || typeof value !== "object") return;
  if ("services" in value || "networks" in value || "volumes" in value) out.push(value);
  for (const item of Object.values(value)) collectValue(item, out);
}
