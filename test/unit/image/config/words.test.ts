// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile variables are written literally here
import { describe, expect, it } from "vitest";
import { envLookup, processWord, processWords } from "../../../../src/image/config/words.js";

const lookup = envLookup(["HOME=/root", "EMPTY=", "BARE", "HOME=/home/app"]);

describe("processWords", () => {
  it.each([
    ["a b  c", ["a", "b", "c"]],
    ["'a b' \"c d\" e\\ f", ["a b", "c d", "e f"]],
    ["$HOME ${HOME}x $NOPE.", ["/home/app", "/home/appx", "."]],
    ["'$HOME' \"$HOME\"", ["$HOME", "/home/app"]],
    ["${EMPTY:-d} ${EMPTY-d} ${NOPE-d} ${HOME:+set} ${EMPTY+set}", ["d", "", "d", "set", "set"]],
    ["cost $ 5 $1", ["cost", "$", "5", "$1"]],
    ['""', [""]],
  ])("splits and expands %s", (text, words) => {
    expect(processWords(text, lookup, { split: true })).toEqual(words);
  });

  it("keeps spaces when not splitting, and treats a name without = as empty", () => {
    expect(processWord("a  $HOME b", lookup)).toBe("a  /home/app b");
    expect(processWord("[$BARE]", lookup)).toBe("[]");
  });
});
