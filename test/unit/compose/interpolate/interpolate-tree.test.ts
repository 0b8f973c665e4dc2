// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import { describe, expect, it } from "vitest";
import { ComposeError } from "../../../../src/compose/errors.js";
import { lookupIn } from "../../../../src/compose/host.js";
import { interpolateTree } from "../../../../src/compose/interpolate/index.js";
import { SourceMap } from "../../../../src/compose/source-map.js";
import { type RawValue, TaggedValue } from "../../../../src/compose/tree.js";

const lookup = lookupIn({ TAG: "1.2", PORT: "8080", EMPTY: "" });

function failure(tree: RawValue, sources?: SourceMap): ComposeError {
  try {
    interpolateTree(tree, { lookup, sources });
  } catch (error: unknown) {
    if (error instanceof ComposeError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("interpolateTree", () => {
  it("substitutes string values at any depth, never keys, leaving other scalars alone", () => {
    const tree: RawValue = {
      services: {
        $TAG: { image: "app:${TAG}", ports: ["${PORT}:80", 443], read_only: true, x: null },
      },
    };
    expect(interpolateTree(tree, { lookup })).toEqual({
      services: { $TAG: { image: "app:1.2", ports: ["8080:80", 443], read_only: true, x: null } },
    });
  });

  it("interpolates inside !reset / !override and keeps the tag", () => {
    const result = interpolateTree({ ports: new TaggedValue("!override", ["${PORT}"]) }, { lookup });
    expect(result).toEqual({ ports: new TaggedValue("!override", ["8080"]) });
    expect((result as { ports: unknown }).ports).toBeInstanceOf(TaggedValue);
  });

  it("does not modify its input", () => {
    const tree = { a: ["$TAG"] };
    interpolateTree(tree, { lookup });
    expect(tree).toEqual({ a: ["$TAG"] });
  });

  it("keeps a `__proto__` key as plain data", () => {
    const tree = JSON.parse('{"__proto__": {"polluted": "$TAG"}}') as RawValue;
    const result = interpolateTree(tree, { lookup }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, "__proto__")).toBe(true);
  });

  it("collects every failure into one ComposeError, located through the source map", () => {
    const sources = new SourceMap();
    sources.set(["services", "web", "image"], { file: "compose.yaml", line: 3, column: 12 });
    sources.set(["services", "web"], { file: "compose.yaml", line: 2, column: 3 });
    const error = failure(
      {
        services: {
          web: { image: "${", environment: ["A=${MISSING:?set MISSING}"] },
        },
      },
      sources,
    );
    expect(error.issues).toEqual([
      {
        path: "services.web.image",
        file: "compose.yaml",
        line: 3,
        column: 12,
        message:
          'invalid interpolation format for services.web.image: "${" (you may need to escape any $ with another $)',
      },
      {
        path: "services.web.environment[0]",
        file: "compose.yaml",
        line: 2,
        column: 3,
        message:
          "error while interpolating services.web.environment[0]: required variable MISSING is missing a value: set MISSING",
      },
    ]);
  });

  it("reports unset variables with the path of their value", () => {
    const seen: string[] = [];
    interpolateTree(
      { services: { web: { image: "$NOPE", ports: ["${TAG}", "${ALSO_NOPE}"] } } },
      { lookup, onUnset: (name, path) => seen.push(`${name} at ${path.join(".")}`) },
    );
    expect(seen).toEqual(["NOPE at services.web.image", "ALSO_NOPE at services.web.ports.1"]);
  });

  it("names paths under the given prefix", () => {
    let caught: unknown;
    try {
      interpolateTree({ image: "${EMPTY:?}" }, { lookup, pathPrefix: ["services", "db"] });
    } catch (error: unknown) {
      caught = error;
    }
    expect((caught as ComposeError).issues[0]?.path).toBe("services.db.image");
    expect((caught as ComposeError).issues[0]?.message).toBe(
      "error while interpolating services.db.image: required variable EMPTY is missing a value",
    );
  });
});
