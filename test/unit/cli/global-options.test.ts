import { describe, expect, it } from "vitest";
import { composeFileFromEnv } from "../../../src/cli/global-options.js";

describe("COMPOSE_FILE", () => {
  it("splits on ':' by default", () => {
    expect(composeFileFromEnv({ COMPOSE_FILE: "a.yaml:b.yaml" })).toEqual(["a.yaml", "b.yaml"]);
  });

  it("splits on COMPOSE_PATH_SEPARATOR when set", () => {
    expect(composeFileFromEnv({ COMPOSE_FILE: "a.yaml;b.yaml", COMPOSE_PATH_SEPARATOR: ";" })).toEqual([
      "a.yaml",
      "b.yaml",
    ]);
  });

  it("is empty when unset or empty", () => {
    expect(composeFileFromEnv({})).toEqual([]);
    expect(composeFileFromEnv({ COMPOSE_FILE: "" })).toEqual([]);
  });
});
