import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decompressed, detectCompression } from "../../../../src/image/tar/decompress.js";
import { parsePax, paxXattrs } from "../../../../src/image/tar/pax.js";
import { parseHeader, readNumber } from "../../../../src/image/tar/tar-header.js";
import { readTar, type TarEntry } from "../../../../src/image/tar/tar-reader.js";
import { encodeHeader, padded, paxRecord, tarArchive } from "../../../../src/image/tar/tar-writer.js";

async function* chunked(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<{ entry: TarEntry; text: string }[]> {
  const out: { entry: TarEntry; text: string }[] = [];
  for await (const { entry, body } of readTar(source)) {
    const parts: Buffer[] = [];
    for await (const part of body) parts.push(part);
    out.push({ entry, text: Buffer.concat(parts).toString() });
  }
  return out;
}

const end = Buffer.alloc(1024);

describe("tar header parsing", () => {
  it("reads ustar fields, joining the prefix to the name", () => {
    const block = encodeHeader({
      name: "file.txt",
      flag: "0",
      mode: 0o4755,
      uid: 1000,
      gid: 100,
      size: 5,
      mtime: 1700000000,
    });
    Buffer.from("some/deep/dir").copy(block, 345);
    // The checksum covered the block before the prefix was added: recompute it.
    const fixed = encodeHeaderWithPrefix(block);
    const header = parseHeader(fixed);
    expect(header).toMatchObject({
      name: "some/deep/dir/file.txt",
      type: "file",
      mode: 0o4755,
      uid: 1000,
      gid: 100,
      size: 5,
      mtime: 1700000000,
    });
  });

  it("reads GNU base-256 numbers", () => {
    const field = Buffer.from([0x80, 0, 0, 0, 0, 0, 0x01, 0x00, 0, 0, 0, 0]);
    expect(readNumber(field, 0, 12)).toBe(0x01_00_00_00_00_00);
    expect(readNumber(Buffer.from("0000644 \0"), 0, 8)).toBe(0o644);
    expect(() => readNumber(Buffer.from("12x\0"), 0, 4)).toThrow("bad octal");
  });

  it("rejects a bad checksum and unknown types", () => {
    const block = encodeHeader({ name: "a", flag: "0" });
    block[0] = "b".charCodeAt(0);
    expect(() => parseHeader(block)).toThrow("checksum");
    expect(() => parseHeader(encodeHeader({ name: "a", flag: "S" }))).toThrow('type "S" is not supported');
  });

  it("parses pax records with binary xattr values", () => {
    const data = Buffer.concat([
      paxRecord("path", "a/long/name"),
      paxRecord("SCHILY.xattr.user.b", Buffer.from([0, 1, 2, 0x0a])),
      paxRecord("SCHILY.xattr.security.capability", "cap"),
    ]);
    const records = parsePax(data);
    expect(records.get("path")?.toString()).toBe("a/long/name");
    expect([...paxXattrs(records).entries()]).toEqual([
      ["security.capability", Buffer.from("cap")],
      ["user.b", Buffer.from([0, 1, 2, 0x0a])],
    ]);
    expect(() => parsePax(Buffer.from("99 path=x\n"))).toThrow("malformed pax");
  });
});

function encodeHeaderWithPrefix(block: Buffer): Buffer {
  const copy = Buffer.from(block);
  copy.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of copy) sum += byte;
  Buffer.from(`${sum.toString(8).padStart(6, "0")}\0 `).copy(copy, 148);
  return copy;
}

describe("readTar", () => {
  it("streams entries and bodies, in any chunking", async () => {
    const tar = tarArchive([
      { name: "dir/", type: "directory", mode: 0o750 },
      { name: "dir/a.txt", type: "file", data: Buffer.from("hello") },
      { name: "dir/big", type: "file", data: Buffer.alloc(1500, 0x61) },
      { name: "dir/link", type: "symlink", linkname: "a.txt" },
      { name: "dir/hard", type: "hardlink", linkname: "dir/a.txt" },
      { name: "dir/fifo", type: "fifo" },
      { name: "dev/null", type: "char", devmajor: 1, devminor: 3 },
    ]);
    for (const size of [1, 7, 512, 100000]) {
      const got = await collect(chunked(tar, size));
      expect(got.map((g) => [g.entry.name, g.entry.type, g.text.length])).toEqual([
        ["dir/", "directory", 0],
        ["dir/a.txt", "file", 5],
        ["dir/big", "file", 1500],
        ["dir/link", "symlink", 0],
        ["dir/hard", "hardlink", 0],
        ["dir/fifo", "fifo", 0],
        ["dev/null", "char", 0],
      ]);
      expect(got[3]?.entry.linkname).toBe("a.txt");
      expect(got[6]?.entry).toMatchObject({ devmajor: 1, devminor: 3 });
    }
  });

  it("skips bodies the consumer does not read", async () => {
    const tar = tarArchive([
      { name: "a", type: "file", data: Buffer.alloc(700, 1) },
      { name: "b", type: "file", data: Buffer.from("bee") },
    ]);
    const names: string[] = [];
    for await (const { entry } of readTar(chunked(tar, 100))) names.push(entry.name);
    expect(names).toEqual(["a", "b"]);
  });

  it("applies pax long names, link paths, numbers and xattrs to the next entry only", async () => {
    const longName = `${"d".repeat(120)}/${"f".repeat(150)}`;
    const tar = tarArchive([
      { name: longName, type: "file", data: Buffer.from("x"), xattrs: { "user.k": "v" } },
      { name: "s", type: "symlink", linkname: "t".repeat(200) },
      { name: "plain", type: "file" },
    ]);
    const got = await collect(chunked(tar, 64));
    expect(got[0]?.entry.name).toBe(longName);
    expect(got[0]?.entry.xattrs.get("user.k")?.toString()).toBe("v");
    expect(got[1]?.entry.linkname).toBe("t".repeat(200));
    expect(got[2]?.entry.xattrs.size).toBe(0);
    expect(got[2]?.entry.name).toBe("plain");
  });

  it("reads GNU long names and long links", async () => {
    const name = `${"n".repeat(300)}\0`;
    const link = `${"l".repeat(250)}\0`;
    const tar = Buffer.concat([
      encodeHeader({ name: "././@LongLink", flag: "L", size: name.length }),
      padded(Buffer.from(name)),
      encodeHeader({ name: "././@LongLink", flag: "K", size: link.length }),
      padded(Buffer.from(link)),
      encodeHeader({ name: "short", flag: "2", linkname: "short-link" }),
      end,
    ]);
    const got = await collect(chunked(tar, 33));
    expect(got).toHaveLength(1);
    expect(got[0]?.entry.name).toBe("n".repeat(300));
    expect(got[0]?.entry.linkname).toBe("l".repeat(250));
  });

  it("treats an old-style file entry ending in / as a directory and tolerates a missing end marker", async () => {
    const tar = Buffer.concat([encodeHeader({ name: "olddir/", flag: "\0" })]);
    const got = await collect(chunked(tar, 512));
    expect(got[0]?.entry.type).toBe("directory");
  });

  it("fails on a stream cut inside a body", async () => {
    const tar = tarArchive([{ name: "a", type: "file", data: Buffer.alloc(2000) }]).subarray(0, 1024);
    await expect(collect(chunked(tar, 512))).rejects.toThrow("ends inside an entry body");
  });

  it("applies pax global headers to every later entry", async () => {
    const global = paxRecord("uid", "4242");
    const tar = Buffer.concat([
      encodeHeader({ name: "pax_global_header", flag: "g", size: global.length }),
      padded(global),
      tarArchive([
        { name: "a", type: "file", uid: 1 },
        { name: "b", type: "file", uid: 2 },
      ]),
    ]);
    const got = await collect(chunked(tar, 512));
    expect(got.map((g) => g.entry.uid)).toEqual([4242, 4242]);
  });
});

describe("decompression", () => {
  it("detects compressions by magic", () => {
    expect(detectCompression(Buffer.from([0x1f, 0x8b, 8]))).toBe("gzip");
    expect(detectCompression(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))).toBe("zstd");
    expect(detectCompression(Buffer.from("ustar"))).toBe("none");
  });

  it("gunzips a gzip stream and passes a plain one through", async () => {
    const tar = tarArchive([{ name: "a", type: "file", data: Buffer.from("zipped") }]);
    for (const input of [gzipSync(tar), tar]) {
      const got = await collect(await decompressed(chunked(input, 3)));
      expect(got.map((g) => g.text)).toEqual(["zipped"]);
    }
  });

  it("refuses zstd with a clear message", async () => {
    await expect(decompressed(chunked(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0]), 2))).rejects.toThrow(
      "zstd-compressed layers are not supported",
    );
  });

  it("surfaces corrupt gzip as an error", async () => {
    const bad = Buffer.concat([gzipSync(Buffer.alloc(2048)).subarray(0, 12), Buffer.alloc(50, 7)]);
    await expect(collect(await decompressed(chunked(bad, 5)))).rejects.toThrow();
  });
});
