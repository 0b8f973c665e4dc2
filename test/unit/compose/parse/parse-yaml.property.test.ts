import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ComposeError } from "../../../../src/compose/errors.js";
import { parseYaml } from "../../../../src/compose/parse/parse-yaml.js";

/** parseYaml either returns or throws ComposeError: never anything else. */
function returnsOrThrowsComposeError(text: string): boolean {
  try {
    parseYaml(text, "compose.yaml");
    return true;
  } catch (error: unknown) {
    return error instanceof ComposeError;
  }
}

const yamlish = fc.stringMatching(/^[a-z0-9 :\-[\]{}&*!<>|,'"#~.\n]*$/, { maxLength: 120 });

const quoting = fc.constantFrom("QUOTE_DOUBLE" as const, "QUOTE_SINGLE" as const);

describe("parseYaml on arbitrary input", () => {
  it("returns or throws ComposeError for arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), returnsOrThrowsComposeError), { numRuns: 300 });
  });

  it("returns or throws ComposeError for YAML-looking noise", () => {
    fc.assert(fc.property(yamlish, returnsOrThrowsComposeError), { numRuns: 500 });
  });

  it("reads back any JSON tree serialised to YAML (top-level mappings), rejects other tops cleanly", () => {
    const tree = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.string(), tree), tree), quoting, (value, style) => {
        // Quoted strings: yaml.v3 reads some plain scalars (`0b1`, `1_000`) unlike YAML 1.2 writers.
        const text = stringify(value, { defaultStringType: style, defaultKeyType: style });
        const isMapping = typeof value === "object" && value !== null && !Array.isArray(value);
        if (!isMapping) {
          expect(returnsOrThrowsComposeError(text)).toBe(true);
          return;
        }
        expect(parseYaml(text, "compose.yaml").value).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });
});
