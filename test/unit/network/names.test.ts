import { describe, expect, it } from "vitest";
import { IFNAME_MAX, kernelNames, NETNS_DIR } from "../../../src/network/names.js";

describe("kernelNames", () => {
  const a = kernelNames("dev");
  const b = kernelNames("ci-42");

  it("names the table berth_ + the instance when it is already clean", () => {
    expect(a.table).toBe("berth_dev");
    expect(kernelNames("e1a2b3c4567").table).toBe("berth_e1a2b3c4567");
  });

  it.each([
    ["ci-42", /^berth_ci_42_[0-9a-f]{8}$/],
    ["Dev", /^berth_dev_[0-9a-f]{8}$/],
    ["x".repeat(80), /^berth_x{45}_[0-9a-f]{8}$/],
  ])("sanitizes %j into a distinct table name", (instance, pattern) => {
    const table = kernelNames(instance).table;
    expect(table).toMatch(pattern);
    expect(table).toMatch(/^[a-z0-9_]{1,60}$/);
  });

  it("keeps instances apart that sanitize to the same text", () => {
    const tables = ["a-b", "a_b", "a.b", "A-b"].map((instance) => kernelNames(instance).table);
    expect(new Set(tables).size).toBe(4);
  });

  it("makes link names of 15 characters starting with berth", () => {
    for (const name of [
      a.bridge("n1"),
      a.veth("c1", "n1"),
      b.bridge("x".repeat(64)),
      b.veth("c".repeat(64), "n"),
    ]) {
      expect(name).toMatch(/^berth[0-9a-f]{10}$/);
      expect(name.length).toBeLessThanOrEqual(IFNAME_MAX);
    }
  });

  it("is deterministic", () => {
    expect(kernelNames("dev").bridge("n1")).toBe(a.bridge("n1"));
    expect(kernelNames("dev").veth("c1", "n1")).toBe(a.veth("c1", "n1"));
  });

  it("gives distinct names per instance, network and container, and bridges never equal veths", () => {
    const names = [
      a.bridge("n1"),
      a.bridge("n2"),
      b.bridge("n1"),
      a.veth("c1", "n1"),
      a.veth("c1", "n2"),
      a.veth("c2", "n1"),
      b.veth("c1", "n1"),
    ];
    expect(new Set(names).size).toBe(names.length);
  });

  it("names a container's netns after the instance and the id's first 12 characters", () => {
    expect(a.netns("0123456789abcdef0123")).toBe("berth-dev-0123456789ab");
    expect(b.netns("abc")).toBe("berth-ci-42-abc");
    expect(NETNS_DIR).toBe("/var/run/netns");
  });
});
