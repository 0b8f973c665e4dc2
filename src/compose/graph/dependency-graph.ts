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
  const levels = topologicalLevels(edges, dependents);
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

/** Kahn's algorithm, level by level (the graph has no cycle: findCycle ran first). */
function topologicalLevels(edges: Map<string, string[]>, dependents: Map<string, string[]>): string[][] {
  const waiting = new Map<string, number>();
  let level: string[] = [];
  for (const [name, deps] of edges) {
    waiting.set(name, deps.length);
    if (deps.length === 0) level.push(name);
  }
  const levels: string[][] = [];
  while (level.length > 0) {
    level.sort();
    levels.push(level);
    const next: string[] = [];
    for (const name of level) {
      for (const dependent of dependents.get(name) ?? []) {
        const left = (waiting.get(dependent) ?? 0) - 1;
        waiting.set(dependent, left);
        if (left === 0) next.push(dependent);
      }
    }
    level = next;
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
