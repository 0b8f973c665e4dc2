export {
  type Caster,
  type CastRule,
  COMPOSE_CAST_RULES,
  toBoolean,
  toFloat,
  toInteger,
} from "./cast-rules.js";
export { type CastOptions, castTypedValues, matches } from "./cast-typed-values.js";
export { type InterpolateTreeOptions, interpolateTree } from "./interpolate-tree.js";
export { substitute } from "./substitute.js";
