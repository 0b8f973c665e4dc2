import { describe, expect, it } from "vitest";
import { enforceUnicity, mergeAll, mergeTrees } from "../../../../src/compose/merge/index.js";
import type { RawValue } from "../../../../src/compose/tree.js";
import { rawYaml } from "./raw-yaml.js";

function merged(base: string, override: string): RawValue {
  return enforceUnicity(mergeTrees(rawYaml(base), rawYaml(override)));
}

describe("mergeTrees defaults", () => {
  it("merges maps recursively, replaces scalars, appends lists, keeps the base under a null", () => {
    expect(merged("a: {b: 1, c: 2}\nl: [1]\ns: x\nn: keep\n", "a: {c: 3, d: 4}\nl: [2]\ns: y\nn:\n")).toEqual(
      {
        a: { b: 1, c: 3, d: 4 },
        l: [1, 2],
        s: "y",
        n: "keep",
      },
    );
  });

  it("lets the override win when the two shapes cannot merge (validation reports it later)", () => {
    expect(mergeTrees({ a: { b: 1 }, c: [1] }, { a: "x", c: { d: 1 } })).toEqual({ a: "x", c: { d: 1 } });
  });

  it("merges x- extensions like any other map", () => {
    expect(merged("x-a: {b: 1}\n", "x-a: {c: 2}\n")).toEqual({ "x-a": { b: 1, c: 2 } });
  });

  it("mergeAll folds files in order", () => {
    expect(mergeAll([{ a: 1 }, { b: 2 }, { a: 3 }])).toEqual({ a: 3, b: 2 });
  });
});

describe("mergeTrees special cases", () => {
  it("replaces command, entrypoint and healthcheck.test", () => {
    const base =
      "services:\n  s:\n    command: [a, b]\n    entrypoint: [sh]\n    healthcheck: {test: [CMD, x], retries: 3}\n";
    const over =
      "services:\n  s:\n    command: [c]\n    entrypoint: bash\n    healthcheck: {test: [CMD, y]}\n";
    expect(merged(base, over)).toEqual({
      services: {
        s: { command: ["c"], entrypoint: "bash", healthcheck: { test: ["CMD", "y"], retries: 3 } },
      },
    });
  });

  it("depends_on: list form gets default conditions, then merges (TestOverrideDepends_on)", () => {
    const base = "services:\n  test:\n    depends_on: [foo, bar]\n";
    const over =
      "services:\n  test:\n    depends_on:\n      foo:\n        condition: service_healthy\n        required: false\n";
    expect(merged(base, over)).toEqual({
      services: {
        test: {
          depends_on: {
            foo: { condition: "service_healthy", required: false },
            bar: { condition: "service_started", required: true },
          },
        },
      },
    });
  });

  it("depends_on: a partial override merges into the base entry (TestOverridePartial)", () => {
    const base = "services:\n  test:\n    depends_on:\n      foo:\n        condition: service_healthy\n";
    const over = "services:\n  test:\n    depends_on:\n      foo:\n        required: false\n";
    expect(merged(base, over)).toEqual({
      services: { test: { depends_on: { foo: { condition: "service_healthy", required: false } } } },
    });
  });

  it("networks: list in base, map in override (TestOverrideNetworks)", () => {
    const base = "services:\n  test:\n    networks: [test_network]\n";
    const over =
      "services:\n  test:\n    networks:\n      test_network:\n        aliases: [alias1, alias2]\n";
    expect(merged(base, over)).toEqual({
      services: { test: { networks: { test_network: { aliases: ["alias1", "alias2"] } } } },
    });
  });

  it("build: string form merges with the long form (TestOverrideBuildContext)", () => {
    expect(
      merged("services:\n  t:\n    build: .\n", "services:\n  t:\n    build:\n      context: src\n"),
    ).toEqual({
      services: { t: { build: { context: "src" } } },
    });
    expect(
      merged("services:\n  t:\n    build: {dockerfile: D}\n", "services:\n  t:\n    build: src\n"),
    ).toEqual({
      services: { t: { build: { dockerfile: "D", context: "src" } } },
    });
  });

  it("volumes: the same target is kept once (TestOverrideVolume)", () => {
    expect(
      merged("services:\n  t:\n    volumes: [./src:/src]\n", "services:\n  t:\n    volumes: [./src:/src]\n"),
    ).toEqual({
      services: { t: { volumes: ["./src:/src"] } },
    });
  });

  it("logging: a driver change drops the base options", () => {
    const base = "services:\n  t:\n    logging: {driver: local, options: {max-size: 1m}}\n";
    expect(merged(base, "services:\n  t:\n    logging: {driver: syslog}\n")).toEqual({
      services: { t: { logging: { driver: "syslog" } } },
    });
    expect(merged(base, "services:\n  t:\n    logging: {options: {max-file: 2}}\n")).toEqual({
      services: { t: { logging: { driver: "local", options: { "max-size": "1m", "max-file": 2 } } } },
    });
  });

  it("ulimits: each limit is replaced as a whole", () => {
    const base = "services:\n  t:\n    ulimits: {nofile: {soft: 1, hard: 2}, nproc: 5}\n";
    expect(merged(base, "services:\n  t:\n    ulimits: {nofile: {hard: 3}}\n")).toEqual({
      services: { t: { ulimits: { nofile: { hard: 3 }, nproc: 5 } } },
    });
  });

  it("ipam config: entries merge by subnet; base-only entries are kept", () => {
    const base =
      "networks:\n  n:\n    ipam:\n      config:\n        - {subnet: 10.0.0.0/8, gateway: 10.0.0.1}\n        - {subnet: 10.1.0.0/16}\n";
    const over =
      "networks:\n  n:\n    ipam:\n      config:\n        - {subnet: 10.0.0.0/8, ip_range: 10.0.0.0/24}\n        - {subnet: 10.2.0.0/16}\n";
    expect(merged(base, over)).toEqual({
      networks: {
        n: {
          ipam: {
            config: [
              { subnet: "10.0.0.0/8", gateway: "10.0.0.1", ip_range: "10.0.0.0/24" },
              { subnet: "10.1.0.0/16" },
              { subnet: "10.2.0.0/16" },
            ],
          },
        },
      },
    });
  });

  it("secrets and configs: unique by target, defaulting to the source's path", () => {
    const base = "services:\n  t:\n    secrets: [a, b]\n    configs: [c]\n";
    const over =
      "services:\n  t:\n    secrets: [{source: x, target: /run/secrets/a}]\n    configs: [{source: c, mode: 1}]\n";
    expect(merged(base, over)).toEqual({
      services: {
        t: { secrets: [{ source: "x", target: "/run/secrets/a" }, "b"], configs: [{ source: "c", mode: 1 }] },
      },
    });
  });
});
