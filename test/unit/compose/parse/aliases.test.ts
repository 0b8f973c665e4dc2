import { describe, expect, it } from "vitest";
import { parseYaml } from "../../../../src/compose/parse/parse-yaml.js";
import { TaggedValue } from "../../../../src/compose/tree.js";
import { issuesOf, yaml } from "./parse-helpers.js";

const parsedValue = (text: string) => parseYaml(text, "compose.yaml").value;

describe("anchors and aliases", () => {
  it("expands an alias into a copy of the anchored value", () => {
    const value = parsedValue(
      yaml("x-env: &env {A: 1}", "services:", "  a: {environment: *env}", "  b: {environment: *env}"),
    );
    expect(value).toEqual({
      "x-env": { A: 1 },
      services: { a: { environment: { A: 1 } }, b: { environment: { A: 1 } } },
    });
    const services = (value as { services: { a: { environment: object }; b: { environment: object } } })
      .services;
    expect(services.a.environment).not.toBe(services.b.environment);
  });

  it("uses the latest anchor of a name defined before the alias", () => {
    expect(parsedValue(yaml("a: &x 1", "b: *x", "c: &x 2", "d: *x"))).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });

  it("accepts aliases as mapping keys", () => {
    expect(parsedValue(yaml("x-k: &k name", "m:", "  *k : v"))).toEqual({ "x-k": "name", m: { name: "v" } });
  });

  it("rejects an alias to an anchor that is not defined (yet)", () => {
    expect(issuesOf(yaml("a: *later", "b: &later 1")).map((i) => i.message)).toEqual([
      "unknown anchor 'later' referenced",
    ]);
  });

  it("rejects an alias inside the node it refers to", () => {
    const issues = issuesOf(yaml("x: &self", "  - a", "  - *self"));
    expect(issues.map((i) => [i.path, i.line, i.message])).toEqual([
      ["x[1]", 3, "cycle detected: alias *self refers to a node that contains it"],
    ]);
  });

  it("loads a file with 200 aliases to a small anchor", () => {
    const uses = Array.from(
      { length: 200 },
      (_, i) => `  s${i}: {<<: *base, environment: *env, ports: *ports}`,
    );
    const text = yaml(
      "x-base: &base {image: alpine, restart: always, labels: {a: b, c: d}}",
      "x-env: &env {A: '1', B: '2', C: '3'}",
      "x-ports: &ports ['80:80', '443:443']",
      "services:",
      ...uses,
    );
    const services = (parsedValue(text) as { services: Record<string, unknown> }).services;
    expect(Object.keys(services)).toHaveLength(200);
    expect(services.s199).toEqual({
      image: "alpine",
      restart: "always",
      labels: { a: "b", c: "d" },
      environment: { A: "1", B: "2", C: "3" },
      ports: ["80:80", "443:443"],
    });
  });

  it("rejects a billion-laughs alias bomb (9 levels, 9 references each) with 'excessive aliasing'", () => {
    const levels = "abcdefghij";
    const lines = ["x-a: &a {k: v}"];
    for (let i = 1; i < levels.length; i++) {
      lines.push(
        `x-${levels[i]}: &${levels[i]} [${Array(9)
          .fill(`*${levels[i - 1]}`)
          .join(", ")}]`,
      );
    }
    const issues = issuesOf(yaml(...lines, "services:", "  svc:", "    image: alpine"));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain("excessive aliasing");
    expect(issues[0]?.line).toBeGreaterThan(1);
  });

  it("rejects a bomb built from merge keys", () => {
    const lines = ["x0: &x0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}"];
    for (let i = 1; i < 10; i++) {
      const refs = Array.from({ length: 9 }, (_, j) => `k${j}: {<<: *x${i - 1}}`).join(", ");
      lines.push(`x${i}: &x${i} {${refs}}`);
    }
    expect(issuesOf(yaml(...lines))[0]?.message).toContain("excessive aliasing");
  });
});

describe("merge keys (<<)", () => {
  it("merges a mapping; explicit keys win wherever they stand; no `<<` is left", () => {
    const text = yaml("x-base: &base {image: a, tty: true}", "s:", "  image: b", "  <<: *base", "  user: me");
    expect(parsedValue(text)).toEqual({
      "x-base": { image: "a", tty: true },
      s: { image: "b", tty: true, user: "me" },
    });
  });

  it("merges an inline mapping", () => {
    expect(parsedValue(yaml("s:", "  <<: {a: 1, b: 2}", "  b: 3"))).toEqual({ s: { a: 1, b: 3 } });
  });

  it("merges a sequence of mappings, earlier ones first", () => {
    const text = yaml("x-1: &one {a: 1, b: 1}", "x-2: &two {b: 2, c: 2}", "s:", "  <<: [*one, *two]");
    expect((parsedValue(text) as { s: unknown }).s).toEqual({ a: 1, b: 1, c: 2 });
  });

  it("merges through an alias to a sequence of mappings", () => {
    const text = yaml(
      "name: test",
      "x-list: &alist",
      "  - image: nginx",
      "services:",
      "  s1:",
      "    <<: *alist",
    );
    expect((parsedValue(text) as { services: unknown }).services).toEqual({ s1: { image: "nginx" } });
  });

  it("applies merge keys inside anchored mappings too", () => {
    const text = yaml("x-a: &a {a: 1}", "x-b: &b {<<: *a, b: 2}", "s: {<<: *b, c: 3}");
    expect((parsedValue(text) as { s: unknown }).s).toEqual({ a: 1, b: 2, c: 3 });
  });

  it("does not count merged keys as duplicates", () => {
    expect(parsedValue(yaml("x: &x {command: a}", "s:", "  <<: *x", "  command: b"))).toEqual({
      x: { command: "a" },
      s: { command: "b" },
    });
  });

  it('treats a quoted "<<" as an ordinary key', () => {
    expect(parsedValue(yaml('"<<": 1'))).toEqual({ "<<": 1 });
  });

  it("rejects merging a scalar, a sequence or a list holding a non-mapping", () => {
    for (const text of [
      yaml('x-s: &s "not-a-map"', "s:", "  <<: *s"),
      yaml("x-l: &l [a, b]", "s:", "  <<: *l"),
      yaml("s:", "  <<: [{a: 1}, 2]"),
      yaml("s:", "  <<:"),
    ]) {
      expect(issuesOf(text).map((i) => i.message)).toEqual([
        "map merge requires map or sequence of maps as the value",
      ]);
    }
  });
});

describe("!reset and !override", () => {
  it("wraps tagged values wherever they are", () => {
    const text = yaml(
      "services:",
      "  web:",
      "    build: !reset",
      "    ports: !reset []",
      "    env: !override {A: 1}",
      "    cmd: !reset x y",
    );
    expect(parsedValue(text)).toEqual({
      services: {
        web: {
          build: new TaggedValue("!reset", null),
          ports: new TaggedValue("!reset", []),
          env: new TaggedValue("!override", { A: 1 }),
          cmd: new TaggedValue("!reset", "x y"),
        },
      },
    });
  });

  it("keeps the tag of an anchored node at every alias (`&a !reset []` then `*a`)", () => {
    const text = yaml(
      "x-reset: &reset !reset []",
      "services:",
      "  svc1:",
      "    ports: *reset",
      "  svc2:",
      "    ports: *reset",
    );
    const services = (parsedValue(text) as { services: Record<string, { ports: unknown }> }).services;
    expect(services.svc1?.ports).toEqual(new TaggedValue("!reset", []));
    expect(services.svc2?.ports).toBeInstanceOf(TaggedValue);
  });

  it("keeps tags inside a mapping merged into several places", () => {
    const text = yaml(
      "x-reset-ports: &reset-ports",
      "  ports: !reset []",
      "services:",
      "  svc1:",
      "    <<: *reset-ports",
      "  svc2:",
      "    <<: *reset-ports",
    );
    const services = (parsedValue(text) as { services: Record<string, { ports: unknown }> }).services;
    expect(services.svc1?.ports).toEqual(new TaggedValue("!reset", []));
    expect(services.svc2?.ports).toEqual(new TaggedValue("!reset", []));
  });

  it("rejects a tagged node that contains an alias to itself", () => {
    const issues = issuesOf(yaml("x: &a !reset", "  b: *a"));
    expect(issues.map((i) => i.message)).toEqual([
      "cycle detected: alias *a refers to a node that contains it",
    ]);
  });
});
