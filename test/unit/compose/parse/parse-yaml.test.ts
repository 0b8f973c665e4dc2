import { describe, expect, it } from "vitest";
import { parseYaml } from "../../../../src/compose/parse/parse-yaml.js";
import { issuesOf, yaml } from "./parse-helpers.js";

describe("parseYaml: values", () => {
  it("reads a compose file into plain data with YAML 1.2 core scalars", () => {
    const text = yaml(
      "services:",
      "  web:",
      "    image: nginx",
      "    tty: yes",
      "    stdin_open: true",
      "    cpus: 0.5",
      "    mem_swappiness: 60",
      "    mode: 0440",
      "    healthcheck: ~",
      '    hostname: "123"',
      "    ports:",
      "      - 8080:80",
      "      - 443",
      "    command: >",
      "      run",
      "      fast",
    );
    expect(parseYaml(text, "compose.yaml").value).toEqual({
      services: {
        web: {
          image: "nginx",
          tty: "yes",
          stdin_open: true,
          cpus: 0.5,
          mem_swappiness: 60,
          mode: 288,
          healthcheck: null,
          hostname: "123",
          ports: ["8080:80", 443],
          command: "run fast\n",
        },
      },
    });
  });

  it("turns every mapping key into a string, as written", () => {
    const text = yaml("x:", "  1: a", "  true: b", "  0x1F: c", "  1.0: d", "  null: e");
    expect(parseYaml(text, "f").value).toEqual({
      x: { "1": "a", true: "b", "0x1F": "c", "1.0": "d", null: "e" },
    });
  });

  it("keeps a `__proto__` key as data", () => {
    const value = parseYaml(yaml("__proto__:", "  polluted: true"), "f").value;
    expect(Object.keys(value as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("applies standard tags", () => {
    const text = yaml("a: !!str 12", "b: !!float 3", 'c: !!int "7"', "d: !!null ''");
    expect(parseYaml(text, "f").value).toEqual({ a: "12", b: 3, c: 7, d: null });
  });

  it("returns null for an empty file, a file of comments, or an empty document", () => {
    expect(parseYaml("", "f").value).toBeNull();
    expect(parseYaml("# just a comment\n\n# another\n", "f").value).toBeNull();
    expect(parseYaml("---\n", "f").value).toBeNull();
  });
});

describe("parseYaml: problems", () => {
  it("rejects a top level that is not a mapping", () => {
    for (const text of ["- a\n- b\n", "just text\n", "42\n", "!reset {}\n"]) {
      expect(issuesOf(text).map((i) => i.message)).toEqual(["top-level object must be a mapping"]);
    }
  });

  it("reports a syntax error with file, line, column and yaml's message", () => {
    expect(issuesOf(yaml("services:", "  web:", "    image: a: b"), "c.yml")).toEqual([
      {
        path: "",
        file: "c.yml",
        line: 3,
        column: 12,
        message: "Nested mappings are not allowed in compact mappings",
      },
    ]);
  });

  it("reports an unclosed flow collection", () => {
    const [issue] = issuesOf(yaml("services: [a, b", "x: 1"));
    expect(issue?.file).toBe("compose.yaml");
    expect(issue?.line).toBeGreaterThan(0);
    expect(issue?.message).not.toMatch(/\n/);
  });

  it("rejects several documents in one file", () => {
    expect(issuesOf(yaml("a: 1", "---", "b: 2"))).toEqual([
      {
        path: "",
        file: "compose.yaml",
        line: 2,
        column: 1,
        message: "a compose file must hold one YAML document, but a second one starts here",
      },
    ]);
  });

  it("reports duplicate keys with the line of the first definition", () => {
    const text = yaml("services:", "  foo:", "    command: hello", "    command: !reset hello world");
    expect(issuesOf(text)).toEqual([
      {
        path: "services.foo.command",
        file: "compose.yaml",
        line: 4,
        column: 5,
        message: 'mapping key "command" already defined at line 3',
      },
    ]);
  });

  it("reports every problem of the file at once, in order", () => {
    const text = yaml("a: !foo 1", "b: 1", "b: 2", "c: *missing", "d: !!int x");
    expect(issuesOf(text).map((i) => `${i.line}: ${i.message}`)).toEqual([
      "1: unknown tag !foo: only !reset, !override and the standard YAML tags (!!str, !!int, …) are supported",
      '3: mapping key "b" already defined at line 2',
      "4: unknown anchor 'missing' referenced",
      "5: cannot decode !!str `x` as a !!int",
    ]);
  });

  it("rejects collections as mapping keys and compose tags on keys", () => {
    expect(issuesOf(yaml("? [a]", ": 1")).map((i) => i.message)).toEqual([
      "mapping keys must be scalars, not a sequence",
    ]);
    expect(issuesOf(yaml("!reset a: 1")).map((i) => i.message)).toEqual([
      "!reset cannot be used on a mapping key",
    ]);
  });

  it("rejects runaway nesting instead of exhausting the stack", () => {
    const flow = `a: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
    expect(issuesOf(flow)[0]?.message).toMatch(/nesting too deep/);
    const block = Array.from({ length: 700 }, (_, depth) => `${" ".repeat(depth)}k${depth}:`).join("\n");
    expect(issuesOf(block)[0]?.message).toMatch(/nesting too deep/);
  });
});

describe("parseYaml: locations", () => {
  it("records 1-based line/column of every value under its tree path; map entries at their key", () => {
    const text = yaml(
      "services:",
      "  web:",
      "    image: nginx",
      "    ports:",
      '      - "80:80"',
      "      - 443",
    );
    const { sources } = parseYaml(text, "/p/compose.yaml");
    expect(sources.get([])).toEqual({ file: "/p/compose.yaml", line: 1, column: 1 });
    expect(sources.get(["services"])).toEqual({ file: "/p/compose.yaml", line: 1, column: 1 });
    expect(sources.get(["services", "web"])).toEqual({ file: "/p/compose.yaml", line: 2, column: 3 });
    expect(sources.get(["services", "web", "image"])).toEqual({
      file: "/p/compose.yaml",
      line: 3,
      column: 5,
    });
    expect(sources.get(["services", "web", "ports", 0])).toEqual({
      file: "/p/compose.yaml",
      line: 5,
      column: 9,
    });
    expect(sources.get(["services", "web", "ports", 1])).toEqual({
      file: "/p/compose.yaml",
      line: 6,
      column: 9,
    });
  });

  it("locates an aliased value at the alias, and what is inside it where it is written", () => {
    const text = yaml("x-env: &env", "  A: 1", "services:", "  web:", "    environment: *env");
    const { sources } = parseYaml(text, "f");
    expect(sources.get(["services", "web", "environment"])).toMatchObject({ line: 5, column: 5 });
    expect(sources.get(["services", "web", "environment", "A"])).toMatchObject({ line: 2, column: 3 });
  });

  it("locates merged entries where they are written, and explicit ones at their key", () => {
    const text = yaml(
      "x-base: &base",
      "  image: a",
      "  tty: true",
      "services:",
      "  web:",
      "    <<: *base",
      "    image: b",
    );
    const { sources } = parseYaml(text, "f");
    expect(sources.get(["services", "web", "tty"])).toMatchObject({ line: 3, column: 3 });
    expect(sources.get(["services", "web", "image"])).toMatchObject({ line: 7, column: 5 });
    expect(sources.get(["services", "web", "<<"])).toBeUndefined();
  });
});
