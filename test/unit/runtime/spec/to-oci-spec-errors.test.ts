import { describe, expect, it } from "vitest";
import type { ContainerSpec } from "../../../../src/runtime/spec/container-spec.js";
import { ContainerSpecError } from "../../../../src/runtime/spec/errors.js";
import { type OciHostFacts, serializeOciSpec, toOciSpec } from "../../../../src/runtime/spec/to-oci-spec.js";
import { base, files, host } from "./fixtures.js";

describe("toOciSpec errors", () => {
  const errors: { name: string; spec: ContainerSpec; host?: OciHostFacts; message: string }[] = [
    { name: "no command", spec: { ...base, image: {} }, message: "no command specified" },
    { name: "unknown user", spec: { ...base, user: "nobody" }, message: "unable to find user nobody" },
    {
      name: "relative working dir",
      spec: { ...base, workingDir: "app" },
      message: 'working directory "app" is not absolute',
    },
    {
      name: "relative rootfs",
      spec: { ...base, rootfs: "rootfs" },
      message: 'rootfs "rootfs" is not absolute',
    },
    {
      name: "relative cgroup parent",
      spec: base,
      host: { ...host, cgroupParent: "berth" },
      message: 'cgroup parent "berth" is not absolute',
    },
    {
      name: "id with a slash",
      spec: { ...base, id: "../escape" },
      message: 'invalid container id "../escape"',
    },
    {
      name: "net sysctl with host network",
      spec: { ...base, network: { mode: "host" }, sysctls: { "net.core.somaxconn": "1024" } },
      message: "sysctl net.core.somaxconn not allowed with host networking",
    },
  ];
  for (const e of errors) {
    it(`rejects: ${e.name}`, () => {
      const run = () => toOciSpec(e.spec, e.host ?? host, files);
      expect(run).toThrow(ContainerSpecError);
      expect(run).toThrow(e.message);
    });
  }
});

describe("serializeOciSpec", () => {
  it("writes RLIM_INFINITY as the exact integer runc parses", () => {
    const oci = toOciSpec({ ...base, ulimits: [{ name: "memlock", soft: -1, hard: -1 }] }, host, files);
    const text = serializeOciSpec(oci);
    expect(text).toContain('"soft": 18446744073709551615');
    expect(text).toContain('"hard": 18446744073709551615');
    expect(text.endsWith("}\n")).toBe(true);
    const parsed = JSON.parse(text) as { process: { args: string[] } };
    expect(parsed.process.args).toEqual(oci.process.args);
  });

  it("is stable run to run", () => {
    expect(serializeOciSpec(toOciSpec(base, host, files))).toBe(
      serializeOciSpec(toOciSpec(base, host, files)),
    );
  });
});
