// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import { describe, expect, it } from "vitest";
import {
  extractModelVariables,
  type ModelVariable,
  variablesIn,
} from "../../../../src/app/config/model-variables.js";

const v = (name: string, more: Partial<ModelVariable> = {}): ModelVariable => ({
  name,
  defaultValue: "",
  presenceValue: "",
  required: false,
  ...more,
});

const asRecord = (model: unknown): Record<string, ModelVariable> =>
  Object.fromEntries(extractModelVariables(model));

// compose-go template/variables_test.go TestExtractVariables, restated as data.
describe("extractModelVariables (compose-go's cases)", () => {
  const cases: [string, unknown, Record<string, ModelVariable>][] = [
    ["empty", {}, {}],
    ["no-variables", { foo: "bar" }, {}],
    ["variable-without-curly-braces", { foo: "$bar" }, { bar: v("bar") }],
    ["variable-without-curly-braces-and-with-number-suffix", { foo: "$bar_1" }, { bar_1: v("bar_1") }],
    ["variable", { foo: "${bar}" }, { bar: v("bar") }],
    ["required-variable", { foo: "${bar?:foo}" }, { bar: v("bar", { required: true }) }],
    ["required-variable2", { foo: "${bar?foo}" }, { bar: v("bar", { required: true }) }],
    ["default-variable", { foo: "${bar:-foo}" }, { bar: v("bar", { defaultValue: "foo" }) }],
    ["default-variable2", { foo: "${bar-foo}" }, { bar: v("bar", { defaultValue: "foo" }) }],
    [
      "multiple-values",
      {
        foo: "${bar:-foo}",
        bar: { foo: "${fruit:-banana}", bar: "vegetable" },
        baz: ["foo", "$docker:${project:-cli}", "$toto"],
      },
      {
        bar: v("bar", { defaultValue: "foo" }),
        fruit: v("fruit", { defaultValue: "banana" }),
        toto: v("toto"),
        docker: v("docker"),
        project: v("project", { defaultValue: "cli" }),
      },
    ],
    ["presence-value-nonEmpty", { foo: "${bar:+foo}" }, { bar: v("bar", { presenceValue: "foo" }) }],
    ["presence-value", { foo: "${bar+foo}" }, { bar: v("bar", { presenceValue: "foo" }) }],
    [
      "concat",
      { domainname: "${SUBDOMAIN:-redis}.${ROOTDOMAIN:?}" },
      {
        ROOTDOMAIN: v("ROOTDOMAIN", { required: true }),
        SUBDOMAIN: v("SUBDOMAIN", { defaultValue: "redis" }),
      },
    ],
    [
      "nested",
      { domainname: "${SUBDOMAIN:-$ROOTDOMAIN}" },
      { ROOTDOMAIN: v("ROOTDOMAIN"), SUBDOMAIN: v("SUBDOMAIN", { defaultValue: "$ROOTDOMAIN" }) },
    ],
    [
      "nested-array-of-maps",
      { volumes: [{ source: "${SOURCE_LOCATION}", target: "/location" }] },
      { SOURCE_LOCATION: v("SOURCE_LOCATION") },
    ],
  ];
  it.each(cases)("%s", (_name, model, expected) => {
    expect(asRecord(model)).toEqual(expected);
  });
});

describe("variablesIn", () => {
  it("skips $$ and lone $, and never reads mapping keys", () => {
    expect(variablesIn("$$ESCAPED $ 5$ $1")).toEqual([]);
    expect(asRecord({ "${KEY}": "x", list: [1, true, null] })).toEqual({});
  });

  it("reads a nested default and an alternate value with braces", () => {
    expect(variablesIn("${A:-${B:-b}}")).toEqual([
      v("A", { defaultValue: "${B:-b}" }),
      v("B", { defaultValue: "b" }),
    ]);
    expect(variablesIn("${A:+x${B}y}")).toEqual([v("A", { presenceValue: "x${B}y" }), v("B")]);
  });

  it("splits a greedy match at the first closing brace and scans the rest", () => {
    // The pattern runs to the line's last `}`; compose-go cuts at the first one and rescans the tail.
    expect(variablesIn("${A:-a} and ${B}")).toEqual([v("B"), v("A", { defaultValue: "a" })]);
  });

  it("lets a later mention replace an earlier one", () => {
    expect(asRecord(["${X:-one}", "${X:?}"])).toEqual({ X: v("X", { required: true }) });
  });

  it("is case-insensitive for names, as compose's pattern is", () => {
    expect(variablesIn("$Mixed_Case1 ${lower}")).toEqual([v("Mixed_Case1"), v("lower")]);
  });
});
