import { describe, expect, it } from "vitest";
import { SourceMap } from "../../../src/compose/source-map.js";

const at = (line: number, file = "a.yaml") => ({ file, line, column: 1 });

describe("SourceMap", () => {
  it("gets exact paths, finds the nearest located ancestor, counts recorded paths", () => {
    const map = new SourceMap();
    map.set([], at(1));
    map.set(["services", "web"], at(2));
    map.set(["services", "web", "ports", 0], at(3));
    map.set(["services", "web"], at(4));
    expect(map.get(["services", "web"])).toEqual(at(4));
    expect(map.get(["services"])).toBeUndefined();
    expect(map.find(["services", "web", "ports", 0, "target"])).toEqual(at(3));
    expect(map.find(["services", "web", "ports", 1])).toEqual(at(4));
    expect(map.find(["volumes"])).toEqual(at(1));
    expect(map.size).toBe(3);
  });

  it("treats a list index and the same numeric key alike, and keys with dots as one segment", () => {
    const map = new SourceMap();
    map.set(["ports", 0], at(1));
    map.set(["services", "my.app"], at(2));
    expect(map.get(["ports", "0"])).toEqual(at(1));
    expect(map.get(["services", "my", "app"])).toBeUndefined();
    expect(map.get(["services", "my.app"])).toEqual(at(2));
  });

  it("absorbs another map under a prefix, later entries winning", () => {
    const base = new SourceMap();
    base.set(["a"], at(1));
    base.set(["a", "b"], at(2));
    const other = new SourceMap();
    other.set(["b"], at(5, "b.yaml"));
    other.set(["c"], at(6, "b.yaml"));
    base.absorb(other, ["a"]);
    expect(base.get(["a", "b"])).toEqual(at(5, "b.yaml"));
    expect(base.get(["a", "c"])).toEqual(at(6, "b.yaml"));
    expect(base.get(["a"])).toEqual(at(1));
    expect(base.size).toBe(3);
  });

  it("absorbs a subtree of another map at another place", () => {
    const map = new SourceMap();
    const other = new SourceMap();
    other.set(["services", "web"], at(1, "c.yaml"));
    other.set(["services", "web", "image"], at(2, "c.yaml"));
    other.set(["services", "webby"], at(3, "c.yaml"));
    map.absorbSubtree(other, ["services", "web"], ["services", "app"]);
    expect(map.get(["services", "app"])).toEqual(at(1, "c.yaml"));
    expect(map.get(["services", "app", "image"])).toEqual(at(2, "c.yaml"));
    expect(map.size).toBe(2);
    map.absorbSubtree(other, ["services", "nothing"], ["services", "x"]);
    expect(map.size).toBe(2);
  });

  it("lets later entries win, whether set here or absorbed", () => {
    const file1 = new SourceMap();
    file1.set(["services", "web", "image"], at(1, "one.yaml"));
    file1.set(["services", "web"], at(2, "one.yaml"));
    const file2 = new SourceMap();
    file2.set(["services", "web", "image"], at(3, "two.yaml"));
    const map = new SourceMap();
    map.set(["services", "web", "image"], at(9, "base.yaml"));
    map.absorb(file1);
    expect(map.get(["services", "web", "image"])).toEqual(at(1, "one.yaml"));
    map.set(["services", "web", "image"], at(7, "later.yaml"));
    expect(map.get(["services", "web", "image"])).toEqual(at(7, "later.yaml"));
    map.absorb(file2);
    expect(map.get(["services", "web", "image"])).toEqual(at(3, "two.yaml"));
    expect(map.find(["services", "web", "ports", 0])).toEqual(at(2, "one.yaml"));
    expect(map.size).toBe(2);
  });

  it("copies a subtree out of a map made of absorbed layers, also from under a prefix", () => {
    const inner = new SourceMap();
    inner.set(["web", "image"], at(1, "inner.yaml"));
    const outer = new SourceMap();
    outer.set(["services", "web", "build"], at(2, "outer.yaml"));
    outer.absorb(inner, ["services"]);
    const map = new SourceMap();
    map.absorbSubtree(outer, ["services", "web"], ["services", "app"]);
    expect(map.get(["services", "app", "image"])).toEqual(at(1, "inner.yaml"));
    expect(map.get(["services", "app", "build"])).toEqual(at(2, "outer.yaml"));
    expect(map.size).toBe(2);
  });
});

describe("SourceMap with a lazy layer", () => {
  const located: [readonly string[], ReturnType<typeof at>][] = [
    [[], at(10, "lazy.yaml")],
    [["services"], at(11, "lazy.yaml")],
    [["services", "web"], at(12, "lazy.yaml")],
  ];
  const lazy = {
    asked: [] as string[],
    at(path: readonly (string | number)[]) {
      this.asked.push(path.join("."));
      return located.find(([entry]) => entry.join(".") === path.join("."))?.[1];
    },
    entries: () => located,
  };

  it("asks the layer only when a location is looked up, below later layers and above earlier ones", () => {
    const map = new SourceMap();
    map.set(["services", "web"], at(1));
    map.set(["volumes"], at(2));
    map.addLazy(lazy);
    map.set(["services"], at(3));
    expect(lazy.asked).toEqual([]);
    expect(map.get(["services"])).toEqual(at(3));
    expect(map.get(["services", "web"])).toEqual(at(12, "lazy.yaml"));
    expect(map.find(["services", "web", "ports", 0])).toEqual(at(12, "lazy.yaml"));
    expect(map.get(["volumes"])).toEqual(at(2));
    expect(map.size).toBe(4);
  });

  it("moves a lazy subtree elsewhere through absorbSubtree", () => {
    const file = new SourceMap();
    file.addLazy(lazy);
    const map = new SourceMap();
    map.absorbSubtree(file, ["services"], ["x", "y"]);
    expect(map.get(["x", "y"])).toEqual(at(11, "lazy.yaml"));
    expect(map.get(["x", "y", "web"])).toEqual(at(12, "lazy.yaml"));
    expect(map.get(["x"])).toBeUndefined();
    expect(map.size).toBe(2);
  });
});
