import { describe, expect, it } from "vitest";
import { splitShellWords } from "../../../../src/compose/normalize/shell-words.js";

describe("splitShellWords", () => {
  const cases: [string, string[]][] = [
    ["echo hello", ["echo", "hello"]],
    ["  spaced   out  ", ["spaced", "out"]],
    [`sh -c "echo hello world"`, ["sh", "-c", "echo hello world"]],
    [`echo 'single $quoted'`, ["echo", "single $quoted"]],
    [`echo ""`, ["echo", ""]],
    [`a\\ b c`, ["a b", "c"]],
    [`echo "a \\"b\\""`, ["echo", 'a "b"']],
    [`say it's`.replace("'", "\\'"), ["say", "it's"]],
    ["echo a && echo b", ["echo", "a"]],
    ["echo a > out", ["echo", "a"]],
    ["echo a 2> err", ["echo", "a"]],
    ["echo $(date)", ["echo", "$(date)"]],
    ["", []],
  ];
  it.each(cases)("%s", (line, expected) => {
    expect(splitShellWords(line)).toEqual(expected);
  });
  it.each([[`echo "open`], [`echo 'open`], ["echo (x)"]])("rejects %s", (line) => {
    expect(() => splitShellWords(line)).toThrow("invalid command line string");
  });
});
