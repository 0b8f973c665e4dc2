import { describe, expect, it } from "vitest";
import {
  checkListFilters,
  checkPruneFilters,
  labelMatches,
  matchesListFilters,
  selectedForPrune,
  type VolumeFacts,
} from "../../../../src/engine/volumes/volume-filters.js";

const volume = (over: Partial<VolumeFacts> = {}): VolumeFacts => ({
  name: "data",
  driver: "local",
  labels: { app: "web", tier: "" },
  dangling: true,
  anonymous: false,
  ...over,
});

describe("GET /volumes filters", () => {
  it("labels match by key or key=value", () => {
    expect(labelMatches({ app: "web" }, "app")).toBe(true);
    expect(labelMatches({ app: "web" }, "app=web")).toBe(true);
    expect(labelMatches({ app: "web" }, "app=db")).toBe(false);
    expect(labelMatches({ tier: "" }, "tier=")).toBe(true);
    expect(labelMatches({}, "app")).toBe(false);
  });

  it.each([
    [{}, true],
    [{ dangling: ["true"] }, true],
    [{ dangling: ["false"] }, false],
    [{ dangling: ["0"] }, false],
    [{ driver: ["local"] }, true],
    [{ driver: ["nfs"] }, false],
    [{ name: ["dat"] }, true],
    [{ name: ["^data$"] }, true],
    [{ name: ["other", "^d"] }, true],
    [{ name: ["x"] }, false],
    [{ label: ["app"] }, true],
    [{ label: ["app=web", "tier"] }, true],
    [{ label: ["app=web", "missing"] }, false],
  ])("%j → %s", (filters, expected) => {
    expect(matchesListFilters(volume(), filters)).toBe(expected);
  });

  it("a used volume is not dangling", () => {
    expect(matchesListFilters(volume({ dangling: false }), { dangling: ["true"] })).toBe(false);
    expect(matchesListFilters(volume({ dangling: false }), { dangling: ["false"] })).toBe(true);
  });

  it("refuses unknown keys and bad booleans", () => {
    expect(() => checkListFilters({ status: ["x"] })).toThrowError("invalid filter 'status'");
    expect(() => checkListFilters({ dangling: ["maybe"] })).toThrowError("invalid filter 'dangling=maybe'");
    expect(() =>
      checkListFilters({ dangling: ["1"], label: ["a"], name: ["n"], driver: ["local"] }),
    ).not.toThrow();
  });
});

describe("POST /volumes/prune selection", () => {
  it("only unused anonymous volumes by default", () => {
    expect(selectedForPrune(volume({ anonymous: true }), {})).toBe(true);
    expect(selectedForPrune(volume({ anonymous: false }), {})).toBe(false);
    expect(selectedForPrune(volume({ anonymous: true, dangling: false }), {})).toBe(false);
  });

  it("all=true takes named ones too, never used ones", () => {
    expect(selectedForPrune(volume(), { all: ["true"] })).toBe(true);
    expect(selectedForPrune(volume({ dangling: false }), { all: ["true"] })).toBe(false);
  });

  it("label and label! filters", () => {
    expect(selectedForPrune(volume(), { all: ["1"], label: ["app=web"] })).toBe(true);
    expect(selectedForPrune(volume(), { all: ["1"], label: ["app=db"] })).toBe(false);
    expect(selectedForPrune(volume(), { all: ["1"], "label!": ["tier"] })).toBe(false);
    expect(selectedForPrune(volume(), { all: ["1"], "label!": ["other"] })).toBe(true);
  });

  it("refuses unknown keys", () => {
    expect(() => checkPruneFilters({ dangling: ["true"] })).toThrowError("invalid filter 'dangling'");
    expect(() => checkPruneFilters({ all: ["true"], label: ["a"], "label!": ["b"] })).not.toThrow();
  });
});
