import { describe, expect, it } from "vitest";
import { exitRuleFor, exitRules, usageExitStatus } from "../../../src/cli/exit-codes.js";

describe("exit table", () => {
  it("exits 1 for compose errors and 16 for command-line syntax, like docker compose", () => {
    expect(exitRules.COMPOSE_INVALID.status).toBe(1);
    expect(exitRules.COMPOSE_NOT_FOUND.status).toBe(1);
    expect(exitRules.USAGE.status).toBe(usageExitStatus);
    expect(usageExitStatus).toBe(16);
  });

  it("never maps an error to success and keeps hints on one line", () => {
    for (const rule of Object.values(exitRules)) {
      expect(rule.status).toBeGreaterThan(0);
      expect(rule.hint).not.toContain("\n");
    }
  });

  it("treats codes it does not know as internal errors", () => {
    expect(exitRuleFor("SOMETHING_NEW")).toEqual(exitRules.INTERNAL);
  });
});
