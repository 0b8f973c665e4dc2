import { describe, expect, it } from "vitest";
import { editDistance, suggestKey, unknownKeyMessage } from "../../../../src/compose/validate/suggest.js";

describe("suggestKey", () => {
  const keys = ["image", "build", "environment", "env_file", "depends_on", "ports", "healthcheck"];

  it.each([
    ["imagee", "image"],
    ["iamge", "image"],
    ["Image", "image"],
    ["biuld", "build"],
    ["environ", "environment"],
    ["depends", "depends_on"],
    ["healthchecks", "healthcheck"],
    ["port", "ports"],
  ])("suggests %s → %s", (typo, expected) => {
    expect(suggestKey(typo, keys)).toBe(expected);
  });

  it("suggests nothing for keys far from every allowed key", () => {
    expect(suggestKey("zzz", keys)).toBeUndefined();
    expect(suggestKey("xy", keys)).toBeUndefined();
  });

  it("counts a transposition as one edit", () => {
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("writes the message with and without a suggestion", () => {
    expect(unknownKeyMessage("imagee", keys)).toBe(
      'additional property "imagee" is not allowed (did you mean "image"?)',
    );
    expect(unknownKeyMessage("zzz", keys)).toBe('additional property "zzz" is not allowed');
  });
});
