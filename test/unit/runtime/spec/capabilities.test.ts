import { describe, expect, it } from "vitest";
import {
  ALL_CAPABILITIES,
  DEFAULT_CAPABILITIES,
  normalizeCapability,
  resolveCapabilities,
} from "../../../../src/runtime/spec/capabilities.js";
import { DEFAULT_CAPS_IN_KERNEL_ORDER } from "./default-caps.js";

const defaultsInKernelOrder = DEFAULT_CAPS_IN_KERNEL_ORDER;
const without = (...names: string[]) => defaultsInKernelOrder.filter((c) => !names.includes(c));

describe("resolveCapabilities", () => {
  const cases: { name: string; input: Parameters<typeof resolveCapabilities>[0]; want: string[] }[] = [
    { name: "Docker's defaults", input: {}, want: defaultsInKernelOrder },
    {
      name: "add NET_ADMIN and sys_ptrace (any case, with or without CAP_)",
      input: { capAdd: ["NET_ADMIN", "cap_sys_ptrace"] },
      want: [
        ...defaultsInKernelOrder.slice(0, 9),
        "CAP_NET_ADMIN",
        "CAP_NET_RAW",
        "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE",
        "CAP_MKNOD",
        "CAP_AUDIT_WRITE",
        "CAP_SETFCAP",
      ],
    },
    {
      name: "drop NET_RAW and MKNOD",
      input: { capDrop: ["NET_RAW", "CAP_MKNOD"] },
      want: without("CAP_NET_RAW", "CAP_MKNOD"),
    },
    {
      name: "add wins over drop of the same capability",
      input: { capAdd: ["NET_RAW"], capDrop: ["NET_RAW"] },
      want: defaultsInKernelOrder,
    },
    {
      name: "drop ALL keeps only the added",
      input: { capDrop: ["ALL"], capAdd: ["NET_BIND_SERVICE", "CHOWN"] },
      want: ["CAP_CHOWN", "CAP_NET_BIND_SERVICE"],
    },
    { name: "drop ALL alone leaves nothing", input: { capDrop: ["all"] }, want: [] },
    { name: "add ALL gives every capability", input: { capAdd: ["ALL"] }, want: [...ALL_CAPABILITIES] },
    {
      name: "add ALL minus the dropped",
      input: { capAdd: ["ALL"], capDrop: ["SYS_ADMIN", "NET_ADMIN"] },
      want: ALL_CAPABILITIES.filter((c) => c !== "CAP_SYS_ADMIN" && c !== "CAP_NET_ADMIN"),
    },
    {
      name: "add ALL and drop ALL gives all",
      input: { capAdd: ["ALL"], capDrop: ["ALL"] },
      want: [...ALL_CAPABILITIES],
    },
    {
      name: "privileged gets all and ignores drop",
      input: { privileged: true, capDrop: ["ALL"] },
      want: [...ALL_CAPABILITIES],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(resolveCapabilities(c.input)).toEqual(c.want);
    });
  }

  describe("limited to the engine's bounding set", () => {
    const available = ALL_CAPABILITIES.filter((c) => c !== "CAP_SYS_RESOURCE" && c !== "CAP_MKNOD");
    it("privileged and add ALL get what the engine has", () => {
      expect(resolveCapabilities({ privileged: true }, available)).toEqual(available);
      expect(resolveCapabilities({ capAdd: ["ALL"] }, available)).toEqual(available);
    });
    it("defaults lose what the engine lacks", () => {
      expect(resolveCapabilities({}, available)).toEqual(without("CAP_MKNOD"));
    });
    it("adding a capability the engine lacks is an error", () => {
      expect(() => resolveCapabilities({ capAdd: ["SYS_RESOURCE"] }, available)).toThrow(
        "capability CAP_SYS_RESOURCE is not in the engine's bounding set",
      );
    });
  });

  it("rejects unknown capabilities, naming them", () => {
    expect(() => resolveCapabilities({ capAdd: ["FLY"] })).toThrow('unknown capability "FLY"');
    expect(() => normalizeCapability("CAP_")).toThrow(/unknown capability/);
  });

  it("has the 14 defaults and 41 kernel capabilities", () => {
    expect(DEFAULT_CAPABILITIES).toHaveLength(14);
    expect(ALL_CAPABILITIES).toHaveLength(41);
    expect(new Set(ALL_CAPABILITIES).size).toBe(41);
    expect(DEFAULT_CAPABILITIES.every((c) => ALL_CAPABILITIES.includes(c))).toBe(true);
  });
});
