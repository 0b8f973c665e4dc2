import { describe, expect, it } from "vitest";
import { parseYaml } from "../../../../src/compose/parse/parse-yaml.js";
import { TaggedValue } from "../../../../src/compose/tree.js";
import { issuesOf, yaml } from "./parse-helpers.js";

// The parse-level part of compose-go's loader cases (shared/conformance/compose-go/loader/loader.cases.yaml);
// the loader integrator runs the whole cases end to end.
describe("compose-go loader cases, parse stage", () => {
  it("Test_DuplicateReset", () => {
    const text = yaml(
      "name: test",
      "services:",
      "  foo:",
      "    command: hello",
      "    command: !reset hello world",
    );
    const messages = issuesOf(text, "duplicate.yml").map((i) => i.message);
    expect(messages).toEqual(['mapping key "command" already defined at line 4']);
  });

  it("TestResetTagWithSharedAlias", () => {
    const text = yaml(
      "x-reset-ports: &reset-ports",
      "  ports: !reset []",
      "services:",
      "  svc1:",
      "    <<: *reset-ports",
      "  svc2:",
      "    <<: *reset-ports",
    );
    expect(parseYaml(text, "(override-1)").value).toEqual({
      "x-reset-ports": { ports: new TaggedValue("!reset", []) },
      services: {
        svc1: { ports: new TaggedValue("!reset", []) },
        svc2: { ports: new TaggedValue("!reset", []) },
      },
    });
  });

  it("TestDirectAliasWithReset", () => {
    const text = yaml(
      "x-reset: &reset !reset []",
      "services:",
      "  svc1:",
      "    ports: *reset",
      "  svc2:",
      "    ports: *reset",
    );
    expect(parseYaml(text, "(override-1)").value).toEqual({
      "x-reset": new TaggedValue("!reset", []),
      services: {
        svc1: { ports: new TaggedValue("!reset", []) },
        svc2: { ports: new TaggedValue("!reset", []) },
      },
    });
  });

  it("TestResetCycle/direct_self_reference_cycle", () => {
    const text = yaml(
      "name: test",
      "x-healthcheck: &healthcheck",
      "  egress-service:",
      "    <<: *healthcheck",
    );
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain("cycle detected");
    expect(issues[0]).toMatchObject({ path: "x-healthcheck.egress-service", line: 4, column: 9 });
  });

  it("TestMergeKeyAliasToScalarRejected", () => {
    const text = yaml("name: test", 'x-scalar: &s "not-a-map"', "services:", "  s1:", "    <<: *s");
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain("map merge requires map");
    expect(issues[0]).toMatchObject({ path: "services.s1", line: 5, column: 9 });
  });

  it("TestMergeKeyAliasTargets/alias_to_sequence_of_mappings", () => {
    const text = yaml(
      "name: test",
      "x-list: &alist",
      "  - image: nginx",
      "services:",
      "  s1:",
      "    <<: *alist",
    );
    const value = parseYaml(text, "(inline)").value as { services: { s1: Record<string, unknown> } };
    expect(value.services.s1).toEqual({ image: "nginx" });
  });

  it("TestAliasBombPrevented/B9_N9_original_poc", () => {
    const text = yaml(
      "name: test",
      "x-a: &a {k: v}",
      "x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "x-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
      "x-f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
      "x-g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]",
      "x-h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]",
      "x-i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]",
      "x-j: &j [*i, *i, *i, *i, *i, *i, *i, *i, *i]",
      "services:",
      "  svc:",
      "    image: alpine",
    );
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain("excessive aliasing");
  });
});
