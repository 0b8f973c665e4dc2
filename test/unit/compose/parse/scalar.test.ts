import { describe, expect, it } from "vitest";
import { resolvePlain, resolveWithTag } from "../../../../src/compose/parse/scalar.js";

describe("resolvePlain (yaml.v3 plain scalars)", () => {
  it.each([
    ["", null],
    ["~", null],
    ["null", null],
    ["NULL", null],
    ["true", true],
    ["False", false],
    ["yes", "yes"],
    ["no", "no"],
    ["on", "on"],
    ["off", "off"],
    ["y", "y"],
    ["nul", "nul"],
    ["42", 42],
    ["-17", -17],
    ["+5", 5],
    ["0", 0],
    ["0777", 511],
    ["0o17", 15],
    ["0x1F", 31],
    ["0X1f", 31],
    ["0b101", 5],
    ["-0x10", -16],
    ["1_000", 1000],
    ["08", 8],
    ["1.5", 1.5],
    ["-.5", -0.5],
    [".5", 0.5],
    ["1e3", 1000],
    ["6.02E+23", 6.02e23],
    ["1.", 1],
    [".inf", Number.POSITIVE_INFINITY],
    ["-.Inf", Number.NEGATIVE_INFINITY],
    ["Infinity", "Infinity"],
    ["2001-12-14", "2001-12-14"],
    ["1:2", "1:2"],
    ["8080:80", "8080:80"],
    ["1.2.3", "1.2.3"],
    ["0x", "0x"],
    ["-", "-"],
    [".", "."],
    ["0xZZ", "0xZZ"],
    ["hello world", "hello world"],
  ])("%j resolves to %j", (text, expected) => {
    expect(resolvePlain(text).value).toEqual(expected);
  });

  it("keeps NaN a float", () => {
    expect(resolvePlain(".nan")).toEqual({ kind: "float", value: Number.NaN });
  });

  it("reads integers beyond int64 as floats when written in decimal, and as strings in hex", () => {
    expect(resolvePlain("18446744073709551615")).toEqual({
      kind: "int",
      value: Number(18446744073709551615n),
    });
    expect(resolvePlain("99999999999999999999").kind).toBe("float");
    expect(resolvePlain("0x1FFFFFFFFFFFFFFFFF").kind).toBe("str");
  });
});

describe("resolveWithTag (standard tags)", () => {
  it("!!str keeps any text", () => {
    expect(resolveWithTag("!!str", "123")).toEqual({ kind: "str", value: "123" });
  });
  it("!!float accepts integers as floats", () => {
    expect(resolveWithTag("!!float", "3")).toEqual({ kind: "float", value: 3 });
  });
  it("!!int, !!bool and !!null must fit the text", () => {
    expect(resolveWithTag("!!int", "12")).toEqual({ kind: "int", value: 12 });
    expect(resolveWithTag("!!bool", "true")).toEqual({ kind: "bool", value: true });
    expect(resolveWithTag("!!null", "~")).toEqual({ kind: "null", value: null });
    expect(resolveWithTag("!!int", "abc")).toEqual({ error: "cannot decode !!str `abc` as a !!int" });
    expect(resolveWithTag("!!bool", "yes")).toEqual({ error: "cannot decode !!str `yes` as a !!bool" });
  });
});
