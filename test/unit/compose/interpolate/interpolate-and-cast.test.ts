// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import { describe, expect, it } from "vitest";
import { ComposeError } from "../../../../src/compose/errors.js";
import {
  castTypedValues,
  interpolateAndCast,
  interpolateAndCastInPlace,
  interpolateTree,
} from "../../../../src/compose/interpolate/index.js";
import { type RawValue, TaggedValue, type TreePath } from "../../../../src/compose/tree.js";

const env: Record<string, string> = { N: "3", YES: "yes", PORT: "8080" };
const lookup = (name: string): string | undefined => env[name];

describe("interpolateAndCast", () => {
  it("gives what interpolateTree then castTypedValues give", () => {
    const shared = { retries: "${N}" };
    const tree: RawValue = {
      services: {
        web: {
          image: "app:${N}",
          deploy: { replicas: "${N}" },
          tty: "${YES}",
          ports: [{ target: "80", published: "${PORT}" }, "${PORT}:80"],
          healthcheck: shared,
          labels: new TaggedValue("!override", { a: "${YES}" }),
        },
        db: { healthcheck: shared, x: "$$N" },
      },
      networks: { n: { external: "true" } },
    };
    const want = castTypedValues(interpolateTree(tree, { lookup }));
    const got = interpolateAndCast(tree, { lookup });
    expect(got).toEqual(want);
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  });

  it("returns a copy that shares no node, even where the input did", () => {
    const shared = { retries: "2" };
    const tree = { services: { a: { healthcheck: shared }, b: { healthcheck: shared } } };
    const out = interpolateAndCast(tree, { lookup }) as { services: Record<string, { healthcheck: object }> };
    expect(out.services.a?.healthcheck).not.toBe(out.services.b?.healthcheck);
    expect(out.services.a?.healthcheck).toEqual({ retries: 2 });
    expect(tree.services.a.healthcheck).toBe(shared);
  });

  it("collects every failure with its path, and reports unset variables with theirs", () => {
    const unset: [string, TreePath][] = [];
    const tree = { a: "${X:?gone}", b: ["ok", "${"], c: "$MISSING" };
    expect(() => interpolateAndCast(tree, { lookup })).toThrow(ComposeError);
    try {
      interpolateAndCast(tree, { lookup, onUnset: (name, path) => unset.push([name, path]) });
    } catch (error: unknown) {
      expect((error as ComposeError).issues.map((i) => i.path)).toEqual(["a", "b[1]"]);
    }
    expect(unset).toEqual([["MISSING", ["c"]]]);
  });
});

describe("interpolateAndCastInPlace", () => {
  const tree = (): RawValue => ({
    services: {
      web: {
        image: "app:${N}",
        deploy: { replicas: "${N}" },
        tty: "${YES}",
        ports: [{ target: "80", published: "${PORT}" }, "${PORT}:80", 443, null, true],
        labels: new TaggedValue("!override", { a: "${YES}" }),
        environment: new TaggedValue("!reset", null),
      },
      db: { x: "$$N" },
    },
    networks: { n: { external: "true" } },
  });

  it("gives what interpolateAndCast gives, changing the tree it is given and returning it", () => {
    const input = tree();
    const want = interpolateAndCast(tree(), { lookup });
    const got = interpolateAndCastInPlace(input, { lookup });
    expect(got).toBe(input);
    expect(got).toEqual(want);
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  });

  it("collects every failure with its path, as interpolateAndCast does", () => {
    const failing = { a: "${X:?gone}", b: ["ok", "${"], c: { d: "$" } };
    try {
      interpolateAndCastInPlace(failing, { lookup });
      expect.unreachable();
    } catch (error: unknown) {
      expect((error as ComposeError).issues.map((i) => i.path)).toEqual(["a", "b[1]"]);
    }
  });
});
