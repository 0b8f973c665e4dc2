import { describe, expect, it } from "vitest";
import { formatByteSize, normalizeDuration } from "../../../../src/compose/normalize/units.js";

describe("byte sizes as compose prints them", () => {
  const cases: [string | number, string | undefined][] = [
    [1024, "1024"],
    ["1024", "1024"],
    ["1k", "1024"],
    ["512m", "536870912"],
    ["512MB", "536870912"],
    ["1g", "1073741824"],
    ["1.5G", "1610612736"],
    ["2gb", "2147483648"],
    ["10 b", "10"],
    ["-1", "-1"],
    ["lots", undefined],
  ];
  it.each(cases)("%s → %s", (input, expected) => {
    expect(formatByteSize(input)).toBe(expected);
  });
});

describe("durations as compose prints them", () => {
  const cases: [string | number, string | undefined][] = [
    ["10s", "10s"],
    ["90s", "1m30s"],
    ["1m30s", "1m30s"],
    ["1h", "1h0m0s"],
    ["1.5s", "1.5s"],
    ["500ms", "500ms"],
    ["1500ms", "1.5s"],
    ["1500us", "1.5ms"],
    ["10ns", "10ns"],
    ["2us", "2\u00b5s"],
    ["1d", "24h0m0s"],
    ["0", "0s"],
    [0, "0s"],
    ["1h2m3s", "1h2m3s"],
    ["-5s", "-5s"],
    ["10", undefined],
    ["abc", undefined],
  ];
  it.each(cases)("%s → %s", (input, expected) => {
    expect(normalizeDuration(input)).toBe(expected);
  });
});
