// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDotenv } from "../../../../src/compose/dotenv/index.js";
import { ComposeError } from "../../../../src/compose/errors.js";
import { lookupIn } from "../../../../src/compose/host.js";

/** Text rich in .env syntax: quotes, escapes, comments, `export`, separators and line breaks. */
const envText = fc
  .array(
    fc.oneof(
      fc.constantFrom("A", "b", "1", "_", ".", "-", "=", ":", " ", "\t", "\n", "\r\n", "#", " #", '"', "'"),
      fc.constantFrom("\\", "\\n", '\\"', "$", "${A}", "${", "export ", "\uFEFF", "é", "[", "]"),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("dotenv properties", () => {
  it("parseDotenv returns a map of strings or throws a ComposeError naming a line", () => {
    const lookup = lookupIn({ A: "a", b: "" });
    fc.assert(
      fc.property(fc.oneof(envText, fc.string({ maxLength: 80 })), fc.boolean(), (text, withLookup) => {
        try {
          const result = parseDotenv(text, { file: ".env", ...(withLookup ? { lookup } : {}) });
          for (const value of Object.values(result)) expect(typeof value).toBe("string");
        } catch (error: unknown) {
          expect(error).toBeInstanceOf(ComposeError);
          const issue = (error as ComposeError).issues[0];
          expect(issue?.file).toBe(".env");
          expect(issue?.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips simple single-quoted values", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
        fc.string({ maxLength: 20 }).filter((v) => !v.includes("'") && !v.includes("\\")),
        (key, value) => {
          expect(parseDotenv(`${key}='${value}'\n`, { file: ".env" })).toEqual({ [key]: value });
        },
      ),
      { numRuns: 300 },
    );
  });
});
