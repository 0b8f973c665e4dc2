import { describe, expect, it } from "vitest";
import { compileTemplate, goString, splitFormat } from "../../../../src/cli/render/template.js";

const render = (source: string, dot: unknown) => compileTemplate(source).render(dot);

describe("the Go-template subset", () => {
  const doc = {
    Id: "abc",
    State: { Status: "running", ExitCode: 0, Running: true },
    Config: { Labels: { b: "2", a: "1" }, Cmd: ["sh", "-c", "x"], Env: [] },
    Mounts: [{ Destination: "/a" }, { Destination: "/b" }],
  };

  it("reads fields and nested fields; missing ones print <no value>", () => {
    expect(render("{{.Id}} {{.State.Status}} {{.State.ExitCode}} {{.State.Running}}", doc)).toBe(
      "abc running 0 true",
    );
    expect(render("{{.Nope}}|{{.State.Nope.Deeper}}", doc)).toBe("<no value>|<no value>");
    expect(render("{{.}}", "plain")).toBe("plain");
  });

  it("prints maps and lists as Go does", () => {
    expect(render("{{.Config.Labels}}", doc)).toBe("map[a:1 b:2]");
    expect(render("{{.Config.Cmd}}", doc)).toBe("[sh -c x]");
    expect(goString(null)).toBe("<nil>");
  });

  it("has json, index, join, upper, lower, len, println and pipes", () => {
    expect(render("{{json .Config.Cmd}}", doc)).toBe('["sh","-c","x"]');
    expect(render('{{index .Config.Labels "a"}} {{index .Config.Cmd 1}}', doc)).toBe("1 -c");
    expect(render('{{join .Config.Cmd ","}}', doc)).toBe("sh,-c,x");
    expect(render("{{.State.Status | upper}} {{lower `ABC`}}", doc)).toBe("RUNNING abc");
    expect(render("{{len .Mounts}}", doc)).toBe("2");
    expect(render("{{println .Id}}", doc)).toBe("abc\n");
    expect(render("{{.Config.Cmd | json}}", doc)).toBe('["sh","-c","x"]');
  });

  it("has if/else and range (with else for empty)", () => {
    expect(render("{{if .State.Running}}up{{else}}down{{end}}", doc)).toBe("up");
    expect(render("{{if .Config.Env}}env{{else}}none{{end}}", doc)).toBe("none");
    expect(render("{{range .Mounts}}{{.Destination}};{{end}}", doc)).toBe("/a;/b;");
    expect(render("{{range .Config.Env}}x{{else}}empty{{end}}", doc)).toBe("empty");
    expect(render("a  {{- .Id -}}  b", doc)).toBe("aabcb");
  });

  it('calls methods with arguments (.Label "k")', () => {
    const row = { Label: (key: unknown) => (key === "tier" ? "web" : "") };
    expect(render('{{.Label "tier"}}', row)).toBe("web");
  });

  it.each([
    ["{{.Id", "unclosed action"],
    ["{{if .Id}}x", "missing {{end}}"],
    ["{{end}}", "unexpected {{end}}"],
    ["{{nosuch .Id}}", 'function "nosuch" not defined'],
    ['{{"open}}', "unterminated quoted string"],
    ["{{}}", "missing value"],
  ])("reports %j clearly", (source, message) => {
    expect(() => render(source, doc)).toThrow(message);
  });

  it("reads --format values the docker way (table prefix, \\t and \\n)", () => {
    expect(splitFormat("table {{.ID}}\\t{{.Names}}")).toEqual({ table: true, body: "{{.ID}}\t{{.Names}}" });
    expect(splitFormat("{{.ID}}\\n")).toEqual({ table: false, body: "{{.ID}}\n" });
    expect(splitFormat("table")).toEqual({ table: true, body: "" });
  });
});
