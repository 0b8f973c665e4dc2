// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import { describe, expect, it } from "vitest";
import { parseRawEnv, RawEnvFileError } from "../../../../src/compose/dotenv/index.js";
import { lookupIn } from "../../../../src/compose/host.js";

// The line format of `docker run --env-file` (docker/cli pkg/kvfile), which compose's `format: raw` uses.
describe("parseRawEnv", () => {
  it("takes values literally: quotes, ${}, $, # and trailing spaces are kept", () => {
    const text = [
      `TEST_VAR='{"key": "value"}'`,
      'DQ="double"',
      "REF=${HOME}-$HOME",
      "HASH=a # not a comment",
      "TRAIL=x  ",
      "EQ=a=b=c",
      "EMPTY=",
      "",
    ].join("\n");
    expect(parseRawEnv(text, lookupIn({ HOME: "/root" }))).toEqual({
      TEST_VAR: `'{"key": "value"}'`,
      DQ: '"double"',
      REF: "${HOME}-$HOME",
      HASH: "a # not a comment",
      TRAIL: "x  ",
      EQ: "a=b=c",
      EMPTY: "",
    });
  });

  it("skips blank and # lines, drops leading space, a BOM and CRLF line ends", () => {
    expect(parseRawEnv("\uFEFFA=1\r\n   # comment\n\n\t  B=2\r\n#C=3", undefined)).toEqual({
      A: "1",
      B: "2",
    });
  });

  it("takes a bare KEY from the lookup, or leaves it out", () => {
    expect(parseRawEnv("SET\nUNSET\nEMPTY\n", lookupIn({ SET: "v", EMPTY: "" }))).toEqual({
      SET: "v",
      EMPTY: "",
    });
    expect(parseRawEnv("SET\n", undefined)).toEqual({});
  });

  it("keeps the last value of a repeated key", () => {
    expect(parseRawEnv("A=1\nA=2\n", undefined)).toEqual({ A: "2" });
  });

  it("refuses a key with whitespace or a line without a key, naming the line", () => {
    expect(() => parseRawEnv("OK=1\nexport A=1\n", undefined)).toThrow(
      "variable 'export A' contains whitespaces",
    );
    expect(() => parseRawEnv("A\tB=1", undefined)).toThrow("variable 'A\tB' contains whitespaces");
    let error: unknown;
    try {
      parseRawEnv("A=1\n\n=value\n", undefined);
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RawEnvFileError);
    expect(error).toMatchObject({ message: "no variable name on line '=value'", line: 3 });
  });
});
