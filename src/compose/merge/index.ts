export { mergeAll, mergeTrees } from "./merge-trees.js";
export { findPathRule, PATH_RULES, type PathRule } from "./rules.js";
export { resolveTags } from "./tags.js";
export { enforceUnicity } from "./unicity.js";
