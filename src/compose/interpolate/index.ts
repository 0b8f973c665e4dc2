export {
  type Caster,
  type CastRule,
  COMPOSE_CAST_RULES,
  toBoolean,
  toFloat,
  toInteger,
} from "./cast-rules.js";
export { type CastOptions, castTrie, castTypedValues, matches } from "./cast-typed-values.js";
export {
  type InterpolateTreeOptions,
  interpolateAndCast,
  interpolateAndCastInPlace,
  interpolateTree,
} from "./interpolate-tree.js";
export { substitute } from "./substitute.js";
export { copyWalk, type StringPass } from "./tree-walk.js";
