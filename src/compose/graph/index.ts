export { buildDependencyGraph, type DependencyGraph, findCycle } from "./dependency-graph.js";
export { dependencyEdges, serviceDependencies } from "./edges.js";
