import { describe, expect, it } from "vitest";
import { parseGoDuration } from "../../../../src/image/config/duration.js";

describe("parseGoDuration", () => {
  it.each([
    ["0", 0],
    ["1s", 1e9],
    ["1.5s", 1.5e9],
    ["1m30s", 90e9],
    ["2h", 7200e9],
    ["10ms", 1e7],
    ["3us", 3000],
    ["3µs", 3000],
    ["7ns", 7],
    [".5m", 30e9],
  ])("%s is %d ns", (text, nanos) => {
    expect(parseGoDuration(text)).toBe(nanos);
  });

  it.each(["", "1", "-1s", "1d", "s", "1s2", "1 s"])("refuses %j", (text) => {
    expect(() => parseGoDuration(text)).toThrow("invalid duration");
  });
});
