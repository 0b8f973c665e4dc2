import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { firstOperand } from "../../../src/cli/engine-commands.js";

describe("firstOperand", () => {
  const program = new Command("berth")
    .option("-f, --file <file>")
    .option("-p, --project-name <name>")
    .option("--debug");

  it("skips root options and their values", () => {
    expect(firstOperand(program, ["container", "ps", "-f", "x"])).toBe("container");
    expect(firstOperand(program, ["-f", "a.yaml", "--debug", "config"])).toBe("config");
    expect(firstOperand(program, ["--file=a.yaml", "-p", "x", "image", "ls"])).toBe("image");
    expect(firstOperand(program, ["--", "image"])).toBe("image");
    expect(firstOperand(program, ["--debug"])).toBeUndefined();
  });
});
