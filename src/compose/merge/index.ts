export { mergeAll, mergeOwnedTrees, mergeTrees, type TagFreedom } from "./merge-trees.js";
export { compilePathTrie, type PathTrie, stepTrie, walkTrie } from "./path-trie.js";
export { findPathRule, PATH_RULES, type PathRule, RULE_TRIE } from "./rules.js";
export { resolveTags, resolveTagsInPlace } from "./tags.js";
export { enforceUnicity, enforceUnicityInPlace } from "./unicity.js";
