import { describe, expect, it } from "vitest";
import type { ComposeIssue } from "../../../src/compose/errors.js";
import { renderIssues } from "../../../src/compose/render-issues.js";

const files: Record<string, string> = {
  "compose.yaml": "services:\n  web:\n    image: nginx\n    ports: [80]\n",
  "tabs.yaml": "a:\n\tb: x\n",
  "crlf.yaml": "a: 1\r\nb: 2\r\n",
};
const readSource = (file: string): string | undefined => files[file];
const plain = { readSource, color: false };

const portIssue: ComposeIssue = {
  path: "services.web.ports[0]",
  file: "compose.yaml",
  line: 4,
  column: 12,
  message: "invalid port",
};

describe("renderIssues", () => {
  it("prints the location line, then the source line with a gutter and a caret under the column", () => {
    expect(renderIssues([portIssue], plain)).toBe(
      [
        "compose.yaml:4:12: services.web.ports[0]: invalid port",
        "  |",
        "4 |     ports: [80]",
        "  |            ^",
      ].join("\n"),
    );
  });

  it("separates issues by a blank line and keeps their order", () => {
    const second: ComposeIssue = {
      path: "services",
      file: "compose.yaml",
      line: 1,
      column: 1,
      message: "first line",
    };
    expect(renderIssues([portIssue, second], plain).split("\n\n")).toEqual([
      renderIssues([portIssue], plain),
      ["compose.yaml:1:1: services: first line", "  |", "1 | services:", "  | ^"].join("\n"),
    ]);
  });

  it("prints only the location line when the source, line or file is unknown", () => {
    const issues: ComposeIssue[] = [
      { path: "x", file: "missing.yaml", line: 1, column: 1, message: "no source" },
      { path: "x", file: "compose.yaml", line: 99, column: 1, message: "past the end" },
      { path: "x", file: "compose.yaml", message: "no line" },
      { path: "", message: "nowhere" },
    ];
    expect(renderIssues(issues, plain)).toBe(
      [
        "missing.yaml:1:1: x: no source",
        "compose.yaml:99:1: x: past the end",
        "compose.yaml: x: no line",
        "nowhere",
      ].join("\n\n"),
    );
  });

  it("shows the line without a caret when the column is unknown", () => {
    const issue: ComposeIssue = { path: "services.web", file: "compose.yaml", line: 2, message: "bad" };
    expect(renderIssues([issue], plain)).toBe(
      ["compose.yaml:2: services.web: bad", "  |", "2 |   web:"].join("\n"),
    );
  });

  it("keeps tabs in the caret padding, strips CR, and clamps the column to the line", () => {
    const tab: ComposeIssue = { path: "a.b", file: "tabs.yaml", line: 2, column: 2, message: "tab" };
    expect(renderIssues([tab], plain).split("\n").slice(2)).toEqual(["2 | \tb: x", "  | \t^"]);
    const far: ComposeIssue = { path: "a", file: "crlf.yaml", line: 1, column: 40, message: "far" };
    expect(renderIssues([far], plain).split("\n").slice(2)).toEqual(["1 | a: 1", "  |     ^"]);
  });

  it("widens the gutter for long line numbers", () => {
    const source = `${"x: 1\n".repeat(120)}`;
    const issue: ComposeIssue = { path: "x", file: "big", line: 120, column: 1, message: "m" };
    const out = renderIssues([issue], { readSource: () => source, color: false });
    expect(out.split("\n").slice(1)).toEqual(["    |", "120 | x: 1", "    | ^"]);
  });

  it("uses bold and red when color is on, and nothing else changes", () => {
    const colored = renderIssues([portIssue], { readSource, color: true });
    expect(colored).toContain("\u001b[1mcompose.yaml:4:12: services.web.ports[0]: invalid port\u001b[0m");
    expect(colored).toContain("\u001b[1;31m^\u001b[0m");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes on purpose
    expect(colored.replace(/\u001b\[[0-9;]*m/g, "")).toBe(renderIssues([portIssue], plain));
  });

  it("reads each source file once", () => {
    const reads: string[] = [];
    const out = renderIssues([portIssue, portIssue], {
      readSource: (file) => {
        reads.push(file);
        return files[file];
      },
      color: false,
    });
    expect(reads).toEqual(["compose.yaml"]);
    expect(out.split("\n\n")).toHaveLength(2);
  });
});
