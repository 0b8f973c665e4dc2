// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import { describe, expect, it } from "vitest";
import { parseDotenv } from "../../../../src/compose/dotenv/index.js";
import { ComposeError } from "../../../../src/compose/errors.js";
import { lookupIn } from "../../../../src/compose/host.js";

const parse = (text: string, env?: Record<string, string>): Record<string, string> =>
  parseDotenv(text, { file: "/p/.env", ...(env ? { lookup: lookupIn(env) } : {}) });

function failure(text: string): ComposeError {
  try {
    parse(text);
  } catch (error: unknown) {
    if (error instanceof ComposeError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("parseDotenv", () => {
  it("keeps keys in file order, a repeated key keeping its first place and last value", () => {
    const result = parse("B=1\nA=2\n# comment\n\nC=3\nB=4\n");
    expect(Object.entries(result)).toEqual([
      ["B", "4"],
      ["A", "2"],
      ["C", "3"],
    ]);
  });

  it("reads CRLF files", () => {
    expect(parse('A=1\r\nB="two"\r\nC\r\n', { C: "c" })).toEqual({ A: "1", B: "two", C: "c" });
  });

  it("takes a bare KEY from the lookup, also on a last line without newline, and drops it when unset", () => {
    expect(parse("A\nB", { A: "a", B: "b" })).toEqual({ A: "a", B: "b" });
    expect(parse("A\nB=1")).toEqual({ B: "1" });
    expect(parse("A", { A: "" })).toEqual({ A: "" });
  });

  it("expands ${VAR} with the lookup first, then keys set earlier in the file", () => {
    expect(parse("A=file\nB=${A}\nC=${LATER}\nLATER=x", { A: "env" })).toEqual({
      A: "file",
      B: "env",
      C: "",
      LATER: "x",
    });
    expect(parse("A=1\nB=${A:-d} ${U:-d} '$$'")).toEqual({ A: "1", B: "1 d '$'" });
  });

  it("does not expand in single quotes, and keeps text after a closing quote as the next statement", () => {
    expect(parse("A='${X}' B=2")).toEqual({ A: "${X}", B: "2" });
  });

  it("keeps multi-line quoted values and counts their lines for later errors", () => {
    const error = failure('A="1\n2\n3"\nB=ok\nbad key=1\n');
    expect(error.issues).toEqual([
      { path: "", file: "/p/.env", line: 5, message: "key cannot contain a space" },
    ]);
    expect(parse("A='x\ny'")).toEqual({ A: "x\ny" });
  });

  it("names the line of an unexpected character, an unterminated quote and a bad template", () => {
    expect(failure("A=1\nlol$wut\n").issues[0]).toMatchObject({
      line: 2,
      message: 'unexpected character "$" in variable name "lol$wut"',
    });
    expect(failure('A=1\n\nB="open\nC=2').issues[0]).toMatchObject({
      line: 3,
      message: 'unterminated quoted value "open',
    });
    expect(failure("A=1\nB=${\n").issues[0]).toMatchObject({ line: 2, message: 'Invalid template: "${"' });
    expect(failure("B=${NEED:?set it}").issues[0]).toMatchObject({
      line: 1,
      message: "required variable NEED is missing a value: set it",
    });
    expect(failure("B=${NEED:?set it}").message).toBe(
      "/p/.env:1: required variable NEED is missing a value: set it",
    );
  });

  it("skips a UTF-8 BOM and drops keys that start with a digit", () => {
    expect(parse("\uFEFFA=1\n1B=2\n")).toEqual({ A: "1" });
  });

  it("accepts keys with dots, dashes, brackets and non-ASCII letters, and an empty key", () => {
    expect(parse("a.b=1\na-b=2\na[0]=3\nclé=4\n=5")).toEqual({
      "a.b": "1",
      "a-b": "2",
      "a[0]": "3",
      clé: "4",
      "": "5",
    });
  });

  it("handles `export` only as a prefix followed by space", () => {
    expect(parse("export A=1\nexportB=2\nexport\tC=3")).toEqual({ A: "1", exportB: "2", C: "3" });
  });

  it("keeps `__proto__` as a plain key", () => {
    const result = parse("__proto__=x");
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result, "__proto__")?.value).toBe("x");
  });

  it("expands double-quote escapes and keeps the unknown ones", () => {
    expect(parse('A="\\0101\\01\\0\\0999\\q\\\\\\$X"')).toEqual({ A: "A\\1\\\\999\\q\\$X" });
  });
});
