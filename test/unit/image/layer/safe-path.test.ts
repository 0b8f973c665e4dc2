import { describe, expect, it } from "vitest";
import { DeferredWork, deepestFirst } from "../../../../src/image/layer/deferred.js";
import { entryComponents, symlinkEscapes, whiteoutMark } from "../../../../src/image/layer/safe-path.js";
import { escapeDumpPath, xattrDump } from "../../../../src/image/layer/special-files.js";

describe("entryComponents", () => {
  it.each([
    ["a/b/c", ["a", "b", "c"]],
    ["./a//b/./c/", ["a", "b", "c"]],
    ["/etc/passwd", ["etc", "passwd"]],
    ["a/../b", ["b"]],
    ["./", []],
    ["/", []],
  ])("%s → %j", (name, parts) => {
    expect(entryComponents(name)).toEqual(parts);
  });

  it.each(["..", "../evil", "a/../../evil", "/../etc", "./../x"])("refuses %s", (name) => {
    expect(entryComponents(name)).toBe("escapes the layer root");
  });
});

describe("symlinkEscapes", () => {
  it.each([
    [["s"], "../x", true],
    [["d", "s"], "../x", false],
    [["d", "s"], "../../x", true],
    [["s"], "/etc/passwd", false],
    [["s"], "/../../etc", true],
    [["d", "s"], "./t", false],
  ])("%j → %s escapes: %s", (link, target, escapes) => {
    expect(symlinkEscapes(link, target)).toBe(escapes);
  });
});

describe("whiteoutMark", () => {
  it("classifies OCI whiteout names", () => {
    expect(whiteoutMark("file")).toBeUndefined();
    expect(whiteoutMark(".wh.file")).toEqual({ kind: "whiteout", target: "file" });
    expect(whiteoutMark(".wh..wh..opq")).toEqual({ kind: "opaque" });
    expect(whiteoutMark(".wh..wh.plnk")).toEqual({ kind: "meta" });
    expect(whiteoutMark(".wh..")).toEqual({ kind: "meta" });
    expect(whiteoutMark(".wh.")).toEqual({ kind: "meta" });
  });
});

describe("DeferredWork", () => {
  it("forgets a path and everything below it, not its siblings", () => {
    const work = new DeferredWork();
    const meta = { mode: 0o755, uid: 0, gid: 0, mtime: 0 };
    for (const key of ["a", "a/b", "a/b/c", "ab", "z"]) work.dirs.set(key, meta);
    work.opaque.add("a/b");
    work.xattrs.set("a/b/c", new Map());
    work.nodes.set("ab", { kind: "fifo", meta });
    work.forget("a");
    expect([...work.dirs.keys()]).toEqual(["ab", "z"]);
    expect([...work.opaque, ...work.xattrs.keys()]).toEqual([]);
    expect([...work.nodes.keys()]).toEqual(["ab"]);
  });

  it("orders paths deepest first", () => {
    expect(deepestFirst(["", "a", "a/b/c", "b", "a/b"])).toEqual(["a/b/c", "a/b", "a", "b", ""]);
  });
});

describe("setfattr dump", () => {
  it("escapes paths like getfattr and hex-encodes values", () => {
    expect(escapeDumpPath("/l/a b\\c\né")).toBe("/l/a\\040b\\134c\\012\\303\\251");
    expect(xattrDump([{ path: "/x", name: "user.a", value: Buffer.from([0, 255]) }])).toBe(
      "# file: /x\nuser.a=0x00ff\n",
    );
  });
});
