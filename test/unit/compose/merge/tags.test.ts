import { describe, expect, it } from "vitest";
import { enforceUnicity, mergeTrees, resolveTags } from "../../../../src/compose/merge/index.js";
import { type RawValue, TaggedValue } from "../../../../src/compose/tree.js";
import { rawYaml } from "./raw-yaml.js";

/** Merge two YAML documents the way the loader does, then de-duplicate. */
function merged(base: string, override: string): RawValue {
  return enforceUnicity(mergeTrees(rawYaml(base), rawYaml(override)));
}

describe("resolveTags", () => {
  it("removes !reset keys and list items, unwraps !override, at any depth", () => {
    const tree = rawYaml(`
services:
  web:
    image: !override nginx
    command: !reset echo
    ports: [ "80", !reset "81", !override "82" ]
    build: !override
      context: !reset .
      dockerfile: Dockerfile
`);
    expect(resolveTags(tree)).toEqual({
      services: { web: { image: "nginx", ports: ["80", "82"], build: { dockerfile: "Dockerfile" } } },
    });
  });

  it("gives null for a !reset document and never changes its input", () => {
    expect(resolveTags(new TaggedValue("!reset", { a: 1 }))).toBeNull();
    const tree = rawYaml("a: !reset 1\nb: [!override 2]\n");
    const before = JSON.stringify(tree);
    resolveTags(tree);
    expect(JSON.stringify(tree)).toBe(before);
  });
});

describe("mergeTrees with tags", () => {
  it("!reset drops the base value (Test_LoadWithReset)", () => {
    const base =
      "services:\n  foo:\n    build:\n      context: .\n      dockerfile: foo.Dockerfile\n    environment:\n      FOO: BAR\n";
    const override =
      "services:\n  foo:\n    image: foo\n    build: !reset\n    environment:\n      FOO: !reset\n";
    // environment is merged in its list form; normalisation turns the empty list into {}.
    expect(merged(base, override)).toEqual({ services: { foo: { image: "foo", environment: [] } } });
  });

  it("!reset of an empty value leaves the key absent (TestResetRemove)", () => {
    const base = "networks:\n  test:\n    name: test\n    external: true\n";
    expect(merged(base, "networks:\n  test: !reset {}\n")).toEqual({ networks: {} });
    expect(merged(base, "networks:\n  test: !reset\n")).toEqual({ networks: {} });
    expect(merged(base, "networks:\n  test: !reset []\n")).toEqual({ networks: {} });
  });

  it("!override replaces without merging (TestOverrideReplace)", () => {
    const base = "networks:\n  test:\n    name: test\n    external: true\n";
    expect(merged(base, "networks:\n  test: !override {}\n")).toEqual({ networks: { test: {} } });
  });

  it("!override keeps the override's own form (TestLoadWithMultipleIncludeConflict)", () => {
    const base = "services:\n  bar:\n    image: bar\n    environment:\n      - FOO=BAR\n";
    const override = "services:\n  bar:\n    image: busybox\n    environment: !override\n      - ZOT=QIX\n";
    expect(merged(base, override)).toEqual({
      services: { bar: { image: "busybox", environment: ["ZOT=QIX"] } },
    });
  });

  it("!override on lists that would otherwise append or convert (TestOverrideMiddle)", () => {
    const base = "services:\n  s:\n    volumes: [/foo:/foo]\n    networks: [foo]\n";
    const override = "services:\n  s:\n    volumes: !override [/bar:/bar]\n    networks: !override [bar]\n";
    expect(merged(base, override)).toEqual({
      services: { s: { volumes: ["/bar:/bar"], networks: ["bar"] } },
    });
  });

  it("!reset on a list attribute removes it whatever the override's value (TestDirectAliasWithReset)", () => {
    const base = "services:\n  svc1:\n    image: alpine\n    ports: ['8080:80']\n";
    expect(merged(base, "services:\n  svc1:\n    ports: !reset []\n")).toEqual({
      services: { svc1: { image: "alpine" } },
    });
  });

  it("!reset of a key the base lacks, or inside a new subtree, leaves nothing behind", () => {
    const override = "services:\n  a:\n    command: !reset x\n  b:\n    image: b\n    command: !reset y\n";
    expect(merged("services:\n  a:\n    image: a\n", override)).toEqual({
      services: { a: { image: "a" }, b: { image: "b" } },
    });
  });

  it("a map-form !reset also removes that key from a list-form base", () => {
    const base = "services:\n  s:\n    environment: [FOO=1, BAR=2]\n    networks: [front, back]\n";
    const override =
      "services:\n  s:\n    environment:\n      FOO: !reset\n    networks:\n      back: !reset\n";
    expect(merged(base, override)).toEqual({
      services: { s: { environment: ["BAR=2"], networks: { front: null } } },
    });
  });

  it("a map-form !override replaces that key of a list-form base", () => {
    const base = "services:\n  s:\n    environment: [FOO=1, BAR=2]\n";
    const override = "services:\n  s:\n    environment:\n      FOO: !override 3\n";
    expect(merged(base, override)).toEqual({ services: { s: { environment: ["BAR=2", "FOO=3"] } } });
  });

  it("a tag on the whole override document acts on the whole tree", () => {
    expect(mergeTrees({ a: 1 }, new TaggedValue("!reset", null))).toBeNull();
    expect(mergeTrees({ a: 1 }, new TaggedValue("!override", { b: 2 }))).toEqual({ b: 2 });
  });

  it("resolves tags left in the base, and never changes either input", () => {
    const base = rawYaml("services:\n  s:\n    image: !override a\n    command: !reset x\n");
    const override = rawYaml("services:\n  s:\n    labels: !override [a=b]\n    image: !reset\n");
    const snapshot = (v: RawValue) =>
      JSON.stringify(v, (_k, x) => (x instanceof TaggedValue ? [x.tag, x.value] : x));
    const [b0, o0] = [snapshot(base), snapshot(override)];
    expect(mergeTrees(base, override)).toEqual({ services: { s: { labels: ["a=b"] } } });
    expect([snapshot(base), snapshot(override)]).toEqual([b0, o0]);
  });
});
