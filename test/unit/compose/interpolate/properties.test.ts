// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ComposeError } from "../../../../src/compose/errors.js";
import { lookupIn } from "../../../../src/compose/host.js";
import { castTypedValues, interpolateTree, substitute } from "../../../../src/compose/interpolate/index.js";
import { type RawValue, TaggedValue } from "../../../../src/compose/tree.js";

const lookup = lookupIn({ A: "a", B: "", C: "${A}", D: "$" });

/** Strings rich in template syntax, so the scanner meets every branch. */
const templateText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "$",
        "{",
        "}",
        ":",
        "-",
        "+",
        "?",
        "A",
        "B",
        "X",
        "_",
        "1",
        " ",
        "\n",
        "$$",
        "${",
        "${A",
        ":-",
        ":?",
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

const rawTree: fc.Arbitrary<RawValue> = fc.letrec<{ value: RawValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    templateText,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom("services", "web", "deploy", "replicas", "ports", "x", "$A"),
      tie("value"),
      {
        maxKeys: 4,
      },
    ),
    tie("value").map((inner) => new TaggedValue("!override", inner)),
  ),
})).value;

function onlyComposeErrors(run: () => unknown): void {
  try {
    run();
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ComposeError);
    expect((error as ComposeError).issues.length).toBeGreaterThan(0);
  }
}

describe("interpolation properties", () => {
  it("substitute returns a string or throws a ComposeError, for any text", () => {
    fc.assert(
      fc.property(fc.oneof(templateText, fc.string({ maxLength: 60 })), (template) => {
        onlyComposeErrors(() => expect(typeof substitute(template, lookup)).toBe("string"));
      }),
      { numRuns: 2000 },
    );
  });

  it("text without `$` comes back unchanged", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const plain = text.replaceAll("$", "");
        expect(substitute(plain, lookup)).toBe(plain);
      }),
      { numRuns: 500 },
    );
  });

  it("`$$` escapes make any text come back literally", () => {
    fc.assert(
      fc.property(templateText, (text) => {
        expect(
          substitute(
            text.replaceAll("$", () => "$$"),
            lookup,
          ),
        ).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("interpolateTree and castTypedValues return a tree or throw a ComposeError", () => {
    fc.assert(
      fc.property(rawTree, (tree) => {
        onlyComposeErrors(() => castTypedValues(interpolateTree(tree, { lookup })));
      }),
      { numRuns: 500 },
    );
  });
});
