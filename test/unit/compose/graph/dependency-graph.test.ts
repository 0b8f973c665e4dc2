import { describe, expect, it } from "vitest";
import { DependencyCycleError } from "../../../../src/compose/errors.js";
import { buildDependencyGraph } from "../../../../src/compose/graph/index.js";
import type { Project, ServiceConfig } from "../../../../src/compose/types.js";

function project(services: Record<string, ServiceConfig>): Project {
  return { name: "demo", services };
}
const dep = { condition: "service_started", required: true };

describe("buildDependencyGraph: levels and orders", () => {
  const cases: { name: string; services: Record<string, ServiceConfig>; levels: string[][] }[] = [
    { name: "no services", services: {}, levels: [] },
    {
      name: "independent services share level 0, sorted",
      services: { b: {}, a: {}, c: {} },
      levels: [["a", "b", "c"]],
    },
    {
      name: "depends_on chain",
      services: { web: { depends_on: { api: dep } }, api: { depends_on: { db: dep } }, db: {} },
      levels: [["db"], ["api"], ["web"]],
    },
    {
      name: "diamond",
      services: {
        app: { depends_on: { left: dep, right: dep } },
        left: { depends_on: { base: dep } },
        right: { depends_on: { base: dep } },
        base: {},
      },
      levels: [["base"], ["left", "right"], ["app"]],
    },
    {
      name: "links (with alias)",
      services: { web: { links: ["db:database"] }, db: {} },
      levels: [["db"], ["web"]],
    },
    {
      name: "network_mode service:",
      services: { sidecar: { network_mode: "service:app" }, app: {} },
      levels: [["app"], ["sidecar"]],
    },
    {
      name: "volumes_from service[:ro], not container:",
      services: { web: { volumes_from: ["data:ro", "container:abc"] }, data: {} },
      levels: [["data"], ["web"]],
    },
    {
      name: "ipc and pid service:",
      services: { a: { ipc: "service:b", pid: "service:c" }, b: {}, c: {} },
      levels: [["b", "c"], ["a"]],
    },
    { name: "ipc host is no edge", services: { a: { ipc: "host", pid: "host" } }, levels: [["a"]] },
    {
      name: "unknown services are ignored",
      services: { a: { depends_on: { ghost: { ...dep, required: false } } } },
      levels: [["a"]],
    },
  ];
  it.each(cases)("$name", ({ services, levels }) => {
    const graph = buildDependencyGraph(project(services));
    expect(graph.levels).toEqual(levels);
    expect(graph.startOrder()).toEqual(levels.flat());
    expect(graph.stopOrder()).toEqual(levels.flat().reverse());
  });

  it("answers dependencies and dependents", () => {
    const graph = buildDependencyGraph(
      project({
        web: { depends_on: { api: dep }, links: ["cache"] },
        worker: { depends_on: { api: dep } },
        api: { depends_on: { db: dep } },
        db: {},
        cache: {},
      }),
    );
    expect(graph.services).toEqual(["api", "cache", "db", "web", "worker"]);
    expect(graph.dependenciesOf("web")).toEqual(["api", "cache"]);
    expect(graph.dependenciesOf("db")).toEqual([]);
    expect(graph.dependentsOf("api")).toEqual(["web", "worker"]);
    expect(graph.dependentsOf("web")).toEqual([]);
    expect(graph.dependentsOf("nobody")).toEqual([]);
  });
});

describe("buildDependencyGraph: cycles", () => {
  const cases: { name: string; services: Record<string, ServiceConfig>; message: string; cycle: string[] }[] =
    [
      {
        name: "three services",
        services: {
          service1: { depends_on: { service2: dep } },
          service2: { depends_on: { service3: dep } },
          service3: { depends_on: { service1: dep } },
        },
        message: "dependency cycle detected: service1 -> service2 -> service3 -> service1",
        cycle: ["service1", "service2", "service3", "service1"],
      },
      {
        name: "self dependency",
        services: { service1: { depends_on: { service1: dep } } },
        message: "dependency cycle detected: service1 -> service1",
        cycle: ["service1", "service1"],
      },
      {
        name: "starts at the alphabetically first service of the cycle",
        services: {
          a: { depends_on: { z: dep } },
          z: { depends_on: { m: dep } },
          m: { depends_on: { c: dep } },
          c: { depends_on: { z: dep } },
        },
        message: "dependency cycle detected: c -> z -> m -> c",
        cycle: ["c", "z", "m", "c"],
      },
      {
        name: "through links and network_mode",
        services: { x: { links: ["y"] }, y: { network_mode: "service:x" } },
        message: "dependency cycle detected: x -> y -> x",
        cycle: ["x", "y", "x"],
      },
    ];
  it.each(cases)("$name", ({ services, message, cycle }) => {
    let error: unknown;
    try {
      buildDependencyGraph(project(services));
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DependencyCycleError);
    expect((error as DependencyCycleError).message).toBe(message);
    expect((error as DependencyCycleError).cycle).toEqual(cycle);
  });
});
