import { describe, expect, it } from "vitest";
import {
  ago,
  containerStatusText,
  humanDuration,
  parseDuration,
  parseTimestamp,
} from "../../../../src/cli/render/duration.js";
import { humanSize, parseSize, parseSizeOrUnlimited } from "../../../../src/cli/render/size.js";

describe("humanDuration (docker's HumanDuration)", () => {
  it.each([
    [0, "Less than a second"],
    [999, "Less than a second"],
    [1000, "1 second"],
    [3000, "3 seconds"],
    [59_000, "59 seconds"],
    [60_000, "About a minute"],
    [119_000, "About a minute"],
    [120_000, "2 minutes"],
    [59 * 60_000, "59 minutes"],
    [60 * 60_000, "About an hour"],
    [3 * 3_600_000, "3 hours"],
    [47 * 3_600_000, "47 hours"],
    [48 * 3_600_000, "2 days"],
    [14 * 86_400_000, "2 weeks"],
    [60 * 86_400_000, "2 months"],
    [730 * 86_400_000, "2 years"],
  ])("%d ms → %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it("ago never goes negative", () => {
    expect(ago(5000, 2000)).toBe("Less than a second ago");
    expect(ago(0, 180_000)).toBe("3 minutes ago");
  });
});

describe("containerStatusText", () => {
  const now = Date.parse("2024-01-01T00:10:00Z");
  const base = { ExitCode: 0, StartedAt: "2024-01-01T00:09:57Z", FinishedAt: "0001-01-01T00:00:00Z" };
  it("says Up, Exited, Created, Paused and health like docker", () => {
    expect(containerStatusText({ ...base, Status: "running" }, now)).toBe("Up 3 seconds");
    expect(containerStatusText({ ...base, Status: "paused" }, now)).toBe("Up 3 seconds (Paused)");
    expect(containerStatusText({ ...base, Status: "running", Health: { Status: "starting" } }, now)).toBe(
      "Up 3 seconds (health: starting)",
    );
    expect(containerStatusText({ ...base, Status: "running", Health: { Status: "healthy" } }, now)).toBe(
      "Up 3 seconds (healthy)",
    );
    expect(
      containerStatusText(
        { ...base, Status: "exited", ExitCode: 2, FinishedAt: "2024-01-01T00:08:00Z" },
        now,
      ),
    ).toBe("Exited (2) 2 minutes ago");
    expect(containerStatusText({ ...base, Status: "created", StartedAt: "0001-01-01T00:00:00Z" }, now)).toBe(
      "Created",
    );
  });
});

describe("parseDuration (Go's time.ParseDuration)", () => {
  it.each([
    ["5s", 5e9],
    ["1m30s", 90e9],
    ["300ms", 300e6],
    ["1.5h", 5400e9],
    ["2us", 2000],
    ["0", 0],
  ])("%s", (text, ns) => {
    expect(parseDuration(text, "--health-interval")).toBe(ns);
  });

  it.each(["5", "", "s", "5x", "1h-2m", "-5s"])("rejects %j naming the flag", (text) => {
    expect(() => parseDuration(text, "--health-interval")).toThrow(/--health-interval/);
  });

  it("reads since/until as unix seconds, dates or durations back from now", () => {
    const now = Date.parse("2024-01-01T00:00:00Z");
    expect(parseTimestamp("1700000000", "--since", now)).toBe(1_700_000_000);
    expect(parseTimestamp("2024-01-01T00:00:00Z", "--since", now)).toBe(now / 1000);
    expect(parseTimestamp("10m", "--since", now)).toBe(now / 1000 - 600);
    expect(() => parseTimestamp("yesterday", "--since", now)).toThrow(/--since/);
  });
});

describe("sizes", () => {
  it.each([
    [0, "0B"],
    [999, "999B"],
    [1024, "1.02kB"],
    [4_260_000, "4.26MB"],
    [1_500_000_000, "1.5GB"],
  ])("humanSize(%d) = %s", (bytes, text) => {
    expect(humanSize(bytes)).toBe(text);
  });

  it.each([
    ["512m", 512 * 1024 ** 2],
    ["1g", 1024 ** 3],
    ["1GiB", 1024 ** 3],
    ["64k", 65536],
    ["100", 100],
    ["100b", 100],
    ["1.5m", 1.5 * 1024 ** 2],
  ])("parseSize(%s)", (text, bytes) => {
    expect(parseSize(text, "--memory")).toBe(bytes);
  });

  it("names the flag of a bad size; -1 only where unlimited is allowed", () => {
    expect(() => parseSize("lots", "--shm-size")).toThrow('invalid argument "lots" for "--shm-size" flag');
    expect(() => parseSize("-1", "--memory")).toThrow(/--memory/);
    expect(parseSizeOrUnlimited("-1", "--memory-swap")).toBe(-1);
  });
});
