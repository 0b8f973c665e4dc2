import { describe, expect, it } from "vitest";
import { InvalidReferenceError } from "../../../src/image/errors.js";
import { parseReference, tryParseReference } from "../../../src/image/reference.js";

const d64 = "f".repeat(64);
const digest = `sha256:${d64}`;

// [input, domain, path, tag, digest, familiarName]
const valid: [string, string, string, string | undefined, string | undefined, string][] = [
  ["busybox", "docker.io", "library/busybox", "latest", undefined, "busybox:latest"],
  ["busybox:1.36", "docker.io", "library/busybox", "1.36", undefined, "busybox:1.36"],
  ["docker.io/busybox", "docker.io", "library/busybox", "latest", undefined, "busybox:latest"],
  ["index.docker.io/library/busybox", "docker.io", "library/busybox", "latest", undefined, "busybox:latest"],
  ["user/repo:tag", "docker.io", "user/repo", "tag", undefined, "user/repo:tag"],
  ["docker.io/library/a/b", "docker.io", "library/a/b", "latest", undefined, "library/a/b:latest"],
  ["test_com", "docker.io", "library/test_com", "latest", undefined, "test_com:latest"],
  ["test.com:tag", "docker.io", "library/test.com", "tag", undefined, "test.com:tag"],
  ["test.com:5000", "docker.io", "library/test.com", "5000", undefined, "test.com:5000"],
  ["test.com/repo:tag", "test.com", "repo", "tag", undefined, "test.com/repo:tag"],
  ["test:5000/repo", "test:5000", "repo", "latest", undefined, "test:5000/repo:latest"],
  ["test:5000/repo:tag", "test:5000", "repo", "tag", undefined, "test:5000/repo:tag"],
  [`test:5000/repo@${digest}`, "test:5000", "repo", undefined, digest, `test:5000/repo@${digest}`],
  [`test:5000/repo:tag@${digest}`, "test:5000", "repo", "tag", digest, `test:5000/repo:tag@${digest}`],
  [`name@${digest}`, "docker.io", "library/name", undefined, digest, `name@${digest}`],
  [`name:tag@${digest}`, "docker.io", "library/name", "tag", digest, `name:tag@${digest}`],
  ["localhost:5000/x", "localhost:5000", "x", "latest", undefined, "localhost:5000/x:latest"],
  ["localhost/x", "localhost", "x", "latest", undefined, "localhost/x:latest"],
  [
    "registry.example.com:443/a/b:tag",
    "registry.example.com:443",
    "a/b",
    "tag",
    undefined,
    "registry.example.com:443/a/b:tag",
  ],
  [
    "[2001:db8::1]:5000/repo",
    "[2001:db8::1]:5000",
    "repo",
    "latest",
    undefined,
    "[2001:db8::1]:5000/repo:latest",
  ],
  ["192.168.1.1:5000/repo", "192.168.1.1:5000", "repo", "latest", undefined, "192.168.1.1:5000/repo:latest"],
  ["xn--n3h.com/myimage:tag", "xn--n3h.com", "myimage", "tag", undefined, "xn--n3h.com/myimage:tag"],
  [
    "sub-dom1.foo.com/bar/baz/quux",
    "sub-dom1.foo.com",
    "bar/baz/quux",
    "latest",
    undefined,
    "sub-dom1.foo.com/bar/baz/quux:latest",
  ],
  ["foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080", undefined, "foo_bar.com:8080"],
  ["foo/foo_bar.com:8080", "docker.io", "foo/foo_bar.com", "8080", undefined, "foo/foo_bar.com:8080"],
  ["lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", undefined, "lowercase:Uppercase"],
  ["Foo/bar", "Foo", "bar", "latest", undefined, "Foo/bar:latest"],
  ["a__b", "docker.io", "library/a__b", "latest", undefined, "a__b:latest"],
  ["a---b.c_d", "docker.io", "library/a---b.c_d", "latest", undefined, "a---b.c_d:latest"],
  [
    `repo:${"t".repeat(128)}`,
    "docker.io",
    "library/repo",
    "t".repeat(128),
    undefined,
    `repo:${"t".repeat(128)}`,
  ],
];

// [input, fragment of the reason]
const invalid: [string, string][] = [
  ["", "at least one component"],
  [":justtag", "invalid reference format"],
  [`@${digest}`, "invalid reference format"],
  ["Uppercase:tag", "must be lowercase"],
  ["test:5000/Uppercase/lowercase:tag", "must be lowercase"],
  [d64, "64-byte hexadecimal"],
  [`validname@invaliddigest:${d64}`, "unsupported digest"],
  ["repo@sha256:abc", "invalid digest format"],
  [`repo@sha256:${"F".repeat(64)}`, "unsupported digest"],
  ["foo$bar", "invalid reference format"],
  ["foo/-bar", "invalid reference format"],
  ["foo___bar", "invalid reference format"],
  ["foo-.bar", "invalid reference format"],
  ["foo/bar/", "invalid reference format"],
  ["foo//bar", "invalid reference format"],
  ["foo:", "invalid tag format"],
  ["foo:-tag", "invalid tag format"],
  [`repo:${"t".repeat(129)}`, "invalid tag format"],
  [`a/${"a/".repeat(127)}a:tag`, "not be more than 255"],
  ["-host.com/repo", "invalid reference format"],
  ["host.com:port/repo", "invalid reference format"],
];

describe("parseReference", () => {
  it.each(valid)("parses %s", (input, domain, path, tag, dig, familiar) => {
    const ref = parseReference(input);
    expect({ domain: ref.domain, path: ref.path, tag: ref.tag, digest: ref.digest }).toEqual({
      domain,
      path,
      tag,
      digest: dig,
    });
    expect(ref.familiarName()).toBe(familiar);
    expect(parseReference(ref.fullName()).fullName()).toBe(ref.fullName());
    expect(parseReference(ref.familiarName()).fullName()).toBe(ref.fullName());
  });

  it.each(invalid)("rejects %j", (input, reason) => {
    expect(() => parseReference(input)).toThrow(InvalidReferenceError);
    expect(() => parseReference(input)).toThrow(reason);
    expect(tryParseReference(input)).toBeUndefined();
  });

  it("gives the full and familiar names", () => {
    const ref = parseReference("busybox");
    expect(ref.fullName()).toBe("docker.io/library/busybox:latest");
    expect(ref.repository()).toBe("docker.io/library/busybox");
    expect(ref.familiarName()).toBe("busybox:latest");
    expect(String(ref)).toBe("docker.io/library/busybox:latest");
  });

  it("names the text and the reason in the error", () => {
    expect(() => parseReference("Busybox")).toThrow(
      'invalid reference "Busybox": repository name must be lowercase',
    );
  });
});
