import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ServiceConfig } from "../../../src/compose/types.js";
import { canonicalJson, serviceConfigHash } from "../../../src/scheduler/config-hash.js";

const base: ServiceConfig = {
  image: "nginx:1",
  environment: { A: "1", B: "2" },
  ports: [{ mode: "ingress", target: 80, published: "8080", protocol: "tcp" }],
};

describe("serviceConfigHash", () => {
  it("is the sha256 of the canonical JSON", () => {
    const expected = createHash("sha256").update(canonicalJson(base)).digest("hex");
    expect(serviceConfigHash(base)).toBe(expected);
    expect(serviceConfigHash(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on key order", () => {
    const reordered: ServiceConfig = { ports: base.ports, environment: { B: "2", A: "1" }, image: "nginx:1" };
    expect(serviceConfigHash(reordered)).toBe(serviceConfigHash(base));
  });

  it("changes when a field that matters changes", () => {
    expect(serviceConfigHash({ ...base, image: "nginx:2" })).not.toBe(serviceConfigHash(base));
    expect(serviceConfigHash({ ...base, environment: { A: "1" } })).not.toBe(serviceConfigHash(base));
  });

  it.each([
    ["build", { context: "/src" }],
    ["pull_policy", "always"],
    ["scale", 3],
    ["depends_on", { db: { condition: "service_healthy", required: true } }],
    ["profiles", ["debug"]],
    ["x-note", "anything"],
    ["env_file", [{ path: "/p/renamed.env", required: true }]],
    ["label_file", ["/p/renamed.labels"]],
  ])("ignores %s, which must not recreate containers", (key, value) => {
    expect(serviceConfigHash({ ...base, [key]: value } as ServiceConfig)).toBe(serviceConfigHash(base));
  });

  it("ignores deploy.replicas but not the rest of deploy", () => {
    const deploy = { resources: { limits: { memory: "64m" } } };
    expect(serviceConfigHash({ ...base, deploy: { ...deploy, replicas: 5 } })).toBe(
      serviceConfigHash({ ...base, deploy }),
    );
    expect(serviceConfigHash({ ...base, deploy })).not.toBe(serviceConfigHash(base));
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined members", () => {
    expect(canonicalJson({ b: [{ d: 1, c: undefined }, null], a: "x" })).toBe('{"a":"x","b":[{"d":1},null]}');
  });
});
