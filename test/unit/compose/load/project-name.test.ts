import { describe, expect, it } from "vitest";
import {
  chooseProjectName,
  isValidProjectName,
  normalizeProjectName,
} from "../../../../src/compose/load/project-name.js";

describe("project name", () => {
  it.each([
    ["My App", "myapp"],
    ["UNNORMALIZED PATH", "unnormalizedpath"],
    ["_hidden.dir", "hiddendir"],
    ["web-1_x", "web-1_x"],
  ])("normalises the directory name %j to %j", (input, expected) => {
    expect(normalizeProjectName(input)).toBe(expected);
  });

  it("takes -p over COMPOSE_PROJECT_NAME over name: over the directory", () => {
    const all = { flag: "a", variable: "b", fromFile: "c", projectDirectory: "/x/d" };
    expect(chooseProjectName(all)).toEqual({ name: "a", source: "-p" });
    expect(chooseProjectName({ ...all, flag: undefined })).toEqual({
      name: "b",
      source: "COMPOSE_PROJECT_NAME",
    });
    expect(chooseProjectName({ projectDirectory: "/x/d", fromFile: "c" })).toEqual({
      name: "c",
      source: "name",
    });
    expect(chooseProjectName({ projectDirectory: "/x/My Dir" })).toEqual({
      name: "mydir",
      source: "directory",
    });
  });

  it("accepts only lowercase letters, digits, - and _ starting with a letter or digit", () => {
    expect(isValidProjectName("web_1-a")).toBe(true);
    expect(isValidProjectName("Web")).toBe(false);
    expect(isValidProjectName("-web")).toBe(false);
    expect(isValidProjectName("")).toBe(false);
  });
});
