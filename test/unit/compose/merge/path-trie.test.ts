import { describe, expect, it } from "vitest";
import { compilePathTrie, findPathRule, PATH_RULES, walkTrie } from "../../../../src/compose/merge/index.js";

describe("compilePathTrie", () => {
  const trie = compilePathTrie([
    [["a", "*", "c"], "star"],
    [["a", "b", "c"], "literal"],
    [["a", "[]"], "index"],
    [["a", "*"], "any"],
    [["x"], "first"],
    [["x"], "second"],
  ]);

  it("finds the first pattern in table order that matches", () => {
    expect(walkTrie(trie, ["a", "b", "c"])?.value).toBe("star");
    expect(walkTrie(trie, ["a", "z", "c"])?.value).toBe("star");
    expect(walkTrie(trie, ["x"])?.value).toBe("first");
  });

  it("matches `[]` only with list indexes and `*` with both", () => {
    expect(walkTrie(trie, ["a", 0])?.value).toBe("index");
    expect(walkTrie(trie, ["a", "0"])?.value).toBe("any");
    expect(walkTrie(trie, ["a", "k"])?.value).toBe("any");
  });

  it("has nothing where no pattern leads or ends", () => {
    expect(walkTrie(trie, ["b"])).toBeUndefined();
    expect(walkTrie(trie, ["a", "b", "c", "d"])).toBeUndefined();
    expect(walkTrie(trie, ["a"])?.value).toBeUndefined();
  });
});

describe("findPathRule through the trie", () => {
  it("finds every rule of the table at a concrete path", () => {
    for (const [pattern, rule] of Object.entries(PATH_RULES)) {
      const path = pattern.split(".").map((segment) => (segment === "*" ? "n" : segment));
      expect(findPathRule(path), pattern).toBe(rule);
    }
  });

  it("finds nothing one level too deep or too shallow", () => {
    expect(findPathRule(["services", "web"])).toBeUndefined();
    expect(findPathRule(["services", "web", "environment", "FOO"])).toBeUndefined();
  });
});
