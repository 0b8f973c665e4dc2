import { DependencyCycleError } from "../errors.js";
import type { Project } from "../types.js";
import { dependencyEdges } from "./edges.js";

/** Services and the order they start and stop in. */
export interface DependencyGraph {
  /** Every service, sorted. */
  readonly services: readonly string[];
  /** Topological levels: level n depends only on levels < n; names sorted within a level. */
  readonly levels: readonly (readonly string[])[];
  /** Every service, dependencies first (levels flattened). */
  startOrder(): string[];
  /** Every service, dependents first (the start order reversed). */
  stopOrder(): string[];
  /** Direct dependencies of `name`, sorted. */
  dependenciesOf(name: string): string[];
  /** Services that depend directly on `name`, sorted. */
  dependentsOf(name: string): string[];
}

/** Builds the start-order graph of a project; a cycle throws `DependencyCycleError`. */
export function buildDependencyGraph(project: Project): DependencyGraph {
  const edges = dependencyEdges(project);
  const names = [...edges.keys()];
  const cycle = findCycle(edges);
  if (cycle) throw new DependencyCycleError(cycle, { path: "" });
  const dependents = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const [name, deps] of edges) for (const dep of deps) dependents.get(dep)?.push(name);
  const levels = topologicalLevels(edges);
  const order = levels.flat();
  return {
    services: names,
    levels,
    startOrder: () => [...order],
    stopOrder: () => [...order].reverse(),
    dependenciesOf: (name) => [...(edges.get(name) ?? [])],
    dependentsOf: (name) => [...(dependents.get(name) ?? [])].sort(),
  };
}

function topologicalLevels(edges: Map<string, string[]>): string[][] {
  const placed = new Set<string>();
  const levels: string[][] = [];
  let remaining = [...edges.keys()];
  while (remaining.length > 0) {
    const level = remaining.filter((n) => (edges.get(n) ?? []).every((d) => placed.has(d))).sort();
    for (const n of level) placed.add(n);
    levels.push(level);
    remaining = remaining.filter((n) => !placed.has(n));
  }
  return levels;
}

/**
 * The first cycle found walking services and their dependencies in name order, rotated to start at
 * its alphabetically first service and closed: `[a, b, c, a]`.
 */
export function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    state.set(name, "visiting");
    stack.push(name);
    for (const dep of edges.get(name) ?? []) {
      const seen = state.get(dep);
      if (seen === "visiting") return stack.slice(stack.indexOf(dep));
      if (seen === undefined) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(name, "done");
    return undefined;
  };
  for (const name of [...edges.keys()].sort()) {
    if (state.has(name)) continue;
    const loop = visit(name);
    if (loop) {
      const first = [...loop].sort()[0] ?? name;
      const start = loop.indexOf(first);
      const rotated = [...loop.slice(start), ...loop.slice(0, start)];
      return [...rotated, first];
    }
  }
  return undefined;
}
