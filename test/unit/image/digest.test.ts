import { describe, expect, it } from "vitest";
import {
  chainIds,
  type Digest,
  digestHex,
  isDigest,
  parseDigest,
  sha256Digest,
} from "../../../src/image/digest.js";

describe("digests", () => {
  it("hashes bytes and text with sha256", () => {
    expect(sha256Digest("")).toBe("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Digest(Buffer.from("abc"))).toBe(
      "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("validates digest text", () => {
    expect(isDigest(`sha256:${"a".repeat(64)}`)).toBe(true);
    expect(isDigest(`sha256:${"A".repeat(64)}`)).toBe(false);
    expect(isDigest(`sha512:${"a".repeat(64)}`)).toBe(false);
    expect(isDigest(`sha256:${"a".repeat(63)}`)).toBe(false);
    expect(() => parseDigest("sha256:xyz")).toThrow("64 lowercase hex");
    expect(digestHex(parseDigest(`sha256:${"b".repeat(64)}`))).toBe("b".repeat(64));
  });
});

describe("chainIds", () => {
  const a = sha256Digest("layer a");
  const b = sha256Digest("layer b");
  const c = sha256Digest("layer c");

  it("is the diff id for the bottom layer", () => {
    expect(chainIds([a])).toEqual([a]);
    expect(chainIds([])).toEqual([]);
  });

  it("hashes '<parent chain id> <diff id>' for each layer above (OCI image spec)", () => {
    const ab: Digest = sha256Digest(`${a} ${b}`);
    expect(chainIds([a, b, c])).toEqual([a, ab, sha256Digest(`${ab} ${c}`)]);
  });

  it("matches a worked example", () => {
    // Two layers whose diff ids are the sha256 of "" and of "abc".
    const empty = sha256Digest("");
    const abc = sha256Digest("abc");
    const expected = sha256Digest(`${empty} ${abc}`);
    expect(chainIds([empty, abc])[1]).toBe(expected);
    expect(expected).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
