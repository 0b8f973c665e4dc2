import { describe, expect, it } from "vitest";
import { SourceMap } from "../../../../src/compose/source-map.js";
import type { RawMap } from "../../../../src/compose/tree.js";
import { validateProject } from "../../../../src/compose/validate/validate-project.js";

/** Number of issues for one service with these attributes. */
function issueCount(attributes: RawMap): number {
  return validateProject({ services: { web: { image: "nginx", ...attributes } } }, new SourceMap()).length;
}

// Leaves whose schema surely accepts them skip zod: these pin that formats and checks still run.
describe("validation shortcut for plain leaves", () => {
  it("still rejects a fraction where z.int() is asked (a format outside def.checks)", () => {
    expect(issueCount({ ports: [{ target: 80 }] })).toBe(0);
    expect(issueCount({ ports: [{ target: 80.5 }] })).toBeGreaterThan(0);
  });

  it("still runs a string's regex check", () => {
    expect(issueCount({ healthcheck: { interval: "30s" } })).toBe(0);
    expect(issueCount({ healthcheck: { interval: "soon" } })).toBeGreaterThan(0);
  });

  it("still rejects infinite numbers and wrong kinds", () => {
    expect(issueCount({ cpus: Number.POSITIVE_INFINITY })).toBeGreaterThan(0);
    expect(issueCount({ image: 5 })).toBeGreaterThan(0);
    expect(issueCount({ container_name: true })).toBeGreaterThan(0);
  });
});
