import { describe, expect, it } from "vitest";
import { humanDuration, parseGoDuration } from "../../../src/shared/durations.js";

describe("Go durations", () => {
  it.each([
    ["0", 0],
    ["300ms", 300e6],
    ["1m30s", 90e9],
    ["1.5h", 5400e9],
    ["2us", 2000],
    ["-5s", -5e9],
  ])("parses %j", (text, nanos) => {
    expect(parseGoDuration(text)).toBe(nanos);
  });

  it.each(["", "5", "s", "1x", "1s2", "--1s"])("refuses %j", (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});

describe("Docker's human durations", () => {
  it.each([
    [500, "Less than a second"],
    [1000, "1 second"],
    [59_000, "59 seconds"],
    [60_000, "About a minute"],
    [30 * 60_000, "30 minutes"],
    [3_600_000, "About an hour"],
    [47 * 3_600_000, "47 hours"],
    [3 * 86_400_000, "3 days"],
    [21 * 86_400_000, "3 weeks"],
    [90 * 86_400_000, "3 months"],
    [3 * 365 * 86_400_000, "3 years"],
  ])("words %d ms as %j", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
