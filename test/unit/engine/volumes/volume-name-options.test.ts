import { describe, expect, it } from "vitest";
import { anonymousVolumeName, checkVolumeName } from "../../../../src/engine/volumes/volume-name.js";
import { checkDriver, parseLocalOptions } from "../../../../src/engine/volumes/volume-options.js";

describe("volume names (Docker's [a-zA-Z0-9][a-zA-Z0-9_.-]+)", () => {
  it.each(["db", "my_vol", "a.b-c", "0x", "A1"])("accepts %s", (name) => {
    expect(checkVolumeName(name)).toBe(name);
  });

  it.each(["a", "-x", ".hidden", "_x", "a/b", "a b", "é1", ""])(
    "refuses %j with Docker's message",
    (name) => {
      expect(() => checkVolumeName(name)).toThrowError(
        `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
      );
    },
  );

  it("anonymous names are 64 hex characters from the random source", () => {
    const name = anonymousVolumeName((size) => Buffer.alloc(size, 0xab));
    expect(name).toBe("ab".repeat(32));
    expect(() => checkVolumeName(name)).not.toThrow();
  });
});

describe("local driver options", () => {
  it("only the local driver (empty means local)", () => {
    expect(checkDriver(undefined)).toBe("local");
    expect(checkDriver("")).toBe("local");
    expect(checkDriver("local")).toBe("local");
    expect(() => checkDriver("nfs")).toThrowError("volume driver nfs not supported");
  });

  it("no options: a plain directory", () => {
    expect(parseLocalOptions({})).toEqual({ kind: "dir" });
    expect(parseLocalOptions(null)).toEqual({ kind: "dir" });
  });

  it("type=none,o=bind,device=/path: the host directory", () => {
    expect(parseLocalOptions({ type: "none", o: "bind", device: "/srv/data" })).toEqual({
      kind: "bind",
      device: "/srv/data",
    });
    expect(parseLocalOptions({ type: "none", o: "rbind,rw", device: "/srv" })).toEqual({
      kind: "bind",
      device: "/srv",
    });
  });

  it("type=tmpfs with size and mode", () => {
    expect(parseLocalOptions({ type: "tmpfs", device: "tmpfs", o: "size=64m,mode=1777,uid=1000" })).toEqual({
      kind: "tmpfs",
      sizeBytes: 64 * 1024 * 1024,
      mode: 0o1777,
    });
    expect(parseLocalOptions({ type: "tmpfs", device: "tmpfs" })).toEqual({ kind: "tmpfs" });
  });

  it.each([
    [{ foo: "bar" }, 'invalid option key: "foo"'],
    [{ type: "none", device: "/x" }, 'volume type "none" needs o=bind'],
    [{ type: "none", o: "bind" }, "a bind volume needs a device"],
    [{ type: "none", o: "bind", device: "rel" }, "bind volume device must be an absolute path: rel"],
    [{ type: "none", o: "bind,noexec", device: "/x" }, 'unsupported bind volume option "noexec"'],
    [{ type: "nfs", o: "addr=1.2.3.4", device: ":/x" }, 'volume type "nfs" is not supported'],
    [{ type: "tmpfs", device: "/dev/sda" }, 'tmpfs volume: device must be "tmpfs"'],
    [{ type: "tmpfs", o: "size=lots" }, 'invalid size "lots"'],
    [{ type: "tmpfs", o: "mode=999" }, "invalid tmpfs volume option mode=999"],
    [{ device: "/x" }, "missing volume option type"],
  ])("refuses %j", (options, message) => {
    expect(() => parseLocalOptions(options)).toThrowError(message);
  });
});
