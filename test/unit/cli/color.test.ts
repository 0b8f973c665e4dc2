import { describe, expect, it } from "vitest";
import { red, useColor } from "../../../src/cli/color.js";

describe("useColor", () => {
  it("colours a terminal only", () => {
    expect(useColor(true, {})).toBe(true);
    expect(useColor(false, {})).toBe(false);
  });

  it("honours NO_COLOR when it is set to something", () => {
    expect(useColor(true, { NO_COLOR: "1" })).toBe(false);
    expect(useColor(true, { NO_COLOR: "" })).toBe(true);
  });

  it("leaves text plain when colour is off", () => {
    expect(red("x", false)).toBe("x");
    expect(red("x", true)).toBe("\u001b[31mx\u001b[39m");
  });
});
