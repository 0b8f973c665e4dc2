import { describe, expect, it } from "vitest";
import {
  compilePattern,
  matchesPattern,
  patternsOverlap,
} from "../../../../src/compose/merge/path-pattern.js";
import { findPathRule, PATH_RULES } from "../../../../src/compose/merge/rules.js";
import { appendAsSequence, mergeBuild, replace } from "../../../../src/compose/merge/strategies.js";
import { byPort, byVolumeTarget } from "../../../../src/compose/merge/unique-keys.js";

describe("path patterns", () => {
  it("match segment by segment, `*` matching any one key or index", () => {
    const p = compilePattern("services.*.environment");
    expect(matchesPattern(["services", "web", "environment"], p)).toBe(true);
    expect(matchesPattern(["services", "my.dotted.app", "environment"], p)).toBe(true);
    expect(matchesPattern(["services", "web", "environment", "FOO"], p)).toBe(false);
    expect(matchesPattern(["services", "environment"], p)).toBe(false);
    expect(matchesPattern(["volumes", "web", "environment"], p)).toBe(false);
    expect(matchesPattern(["services", 0, "environment"], p)).toBe(true);
  });

  it("no two patterns of the table can match the same path", () => {
    const patterns = Object.keys(PATH_RULES);
    for (const [i, a] of patterns.entries()) {
      for (const b of patterns.slice(i + 1)) {
        expect(patternsOverlap(compilePattern(a), compilePattern(b)), `${a} vs ${b}`).toBe(false);
      }
    }
  });
});

describe("findPathRule", () => {
  it("finds the special cases of the Compose Specification", () => {
    expect(findPathRule(["services", "web", "command"])?.merge).toBe(replace);
    expect(findPathRule(["services", "web", "entrypoint"])?.merge).toBe(replace);
    expect(findPathRule(["services", "web", "healthcheck", "test"])?.merge).toBe(replace);
    expect(findPathRule(["services", "web", "ulimits", "nofile"])?.merge).toBe(replace);
    expect(findPathRule(["services", "web", "environment"])?.merge).toBe(appendAsSequence);
    expect(findPathRule(["services", "web", "build"])?.merge).toBe(mergeBuild);
    expect(findPathRule(["services", "web", "ports"])?.unique).toBe(byPort);
    expect(findPathRule(["services", "web", "volumes"])?.unique).toBe(byVolumeTarget);
  });

  it("has no rule where the default applies", () => {
    expect(findPathRule(["services", "web", "image"])).toBeUndefined();
    expect(findPathRule(["services", "web", "healthcheck", "interval"])).toBeUndefined();
    expect(findPathRule(["services", "web", "environment", "FOO"])).toBeUndefined();
    expect(findPathRule([])).toBeUndefined();
  });

  it("covers every attribute the merge documentation singles out", () => {
    const attributes = [
      "environment",
      "ports",
      "labels",
      "build",
      "networks",
      "volumes",
      "logging",
      "depends_on",
      "command",
      "entrypoint",
      "dns",
      "extra_hosts",
      "devices",
      "env_file",
      "annotations",
      "sysctls",
      "tmpfs",
      "profiles",
      "cap_add",
      "volumes_from",
      "secrets",
      "configs",
      "models",
    ];
    for (const name of attributes) expect(findPathRule(["services", "s", name]), name).toBeDefined();
    expect(findPathRule(["services", "s", "ulimits", "nproc"])).toBeDefined();
  });
});
