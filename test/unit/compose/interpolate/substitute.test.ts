// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import { describe, expect, it } from "vitest";
import { ComposeError } from "../../../../src/compose/errors.js";
import { lookupIn } from "../../../../src/compose/host.js";
import { substitute } from "../../../../src/compose/interpolate/index.js";

const env = lookupIn({ FOO: "first", EMPTY: "", NUM: "5" });

function failure(template: string): ComposeError {
  try {
    substitute(template, env);
  } catch (error: unknown) {
    if (error instanceof ComposeError) return error;
    throw error;
  }
  throw new Error(`expected ${template} to fail`);
}

describe("substitute", () => {
  it.each([
    ["plain", "plain"],
    ["$FOO", "first"],
    ["${FOO}", "first"],
    ["$FOO_x", ""],
    ["$FOO-x", "first-x"],
    ["a$NUM.b", "a5.b"],
    ["$$FOO", "$FOO"],
    ["$$$FOO", "$first"],
    ["$", "$"],
    ["a $ b", "a $ b"],
    ["$1", "$1"],
    ["$}", "$}"],
    ["${UNSET:-d}", "d"],
    ["${EMPTY:-d}", "d"],
    ["${EMPTY-d}", ""],
    ["${UNSET-d}", "d"],
    ["${FOO:+alt}", "alt"],
    ["${EMPTY:+alt}", ""],
    ["${EMPTY+alt}", "alt"],
    ["${UNSET+alt}", ""],
    ["${FOO:?boom}", "first"],
    ["${EMPTY?boom}", ""],
    ["${UNSET:-${FOO}-${NUM}}", "first-5"],
    ["${UNSET:-a}b}", "ab}"],
    ["${UNSET:-x} and ${FOO:-y}", "x and first"],
    ["é${FOO}ü", "éfirstü"],
  ])("%j → %j", (template, expected) => {
    expect(substitute(template, env)).toBe(expected);
  });

  it("evaluates defaults and alternatives lazily: a `:?` in an unused branch does not fail", () => {
    expect(substitute("${FOO:-${UNSET:?never}}", env)).toBe("first");
    expect(substitute("${UNSET:+${UNSET:?never}}", env)).toBe("");
    expect(substitute("${FOO?${UNSET:?never}}", env)).toBe("first");
  });

  it("reports unset variables without default to onUnset, only in branches that are evaluated", () => {
    const unset: string[] = [];
    const onUnset = (name: string): void => {
      unset.push(name);
    };
    expect(substitute("${A:+${A},}B", env, { onUnset })).toBe("B");
    expect(unset).toEqual([]);
    expect(substitute("${A:-${B}} $C ${FOO} ${D:-x}", env, { onUnset })).toBe("  first x");
    expect(unset).toEqual(["B", "C"]);
  });

  it("words required-variable errors as compose-go does", () => {
    expect(failure("${UNSET:?please set it}").issues).toEqual([
      { path: "", message: "required variable UNSET is missing a value: please set it" },
    ]);
    expect(failure("x ${EMPTY:?}").message).toBe("required variable EMPTY is missing a value");
    expect(failure("${UNSET?need ${FOO}}").message).toBe(
      "required variable UNSET is missing a value: need first",
    );
  });

  it("reports the first failure, left to right", () => {
    expect(failure("${A:?one} ${B:?two}").message).toContain("variable A");
    expect(failure("${ } ${A:?one}").message).toContain("Invalid template");
  });

  it.each(["${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "${1A}", "${A:x}"])(
    "rejects the invalid template %j, quoting it",
    (template) => {
      expect(failure(template).message).toBe(`Invalid template: ${JSON.stringify(template)}`);
    },
  );

  it("quotes the tail compose-go re-expands on its own after a braced default", () => {
    expect(failure("${FOO:-x} ${ }").message).toBe('Invalid template: " ${ }"');
    expect(failure("${FOO:-x} ${").message).toBe('Invalid template: "${FOO:-x} ${"');
  });

  it("does not let a braced expression with an operator run across a line break", () => {
    expect(failure("${UNSET:-a\n}").message).toBe('Invalid template: "${UNSET:-a\\n}"');
    expect(substitute("${UNSET:-a}\n}", env)).toBe("a\n}");
  });

  it("keeps braces inside defaults balanced", () => {
    expect(substitute('${UNSET:-{"a":{"b":1}}}', env)).toBe('{"a":{"b":1}}');
  });

  it("refuses absurd nesting with a ComposeError instead of exhausting the stack", () => {
    const deep = `${"${UNSET:-".repeat(5000)}x${"}".repeat(5000)}`;
    expect(failure(deep).message).toContain("nested more than");
  });

  it("stays linear on long inputs", () => {
    const long = "${UNSET:-a}".repeat(20000) + "}".repeat(10);
    expect(substitute(long, env)).toBe("a".repeat(20000) + "}".repeat(10));
  });
});
