import type { TreePath } from "../tree.js";
import { compilePattern } from "./path-pattern.js";
import { compilePathTrie, type PathTrie, walkTrie } from "./path-trie.js";
import {
  appendAsSequence,
  appendNewAsSequence,
  type MergeStrategy,
  mergeAsMapping,
  mergeBuild,
  mergeIpamConfig,
  mergeLogging,
  replace,
} from "./strategies.js";
import {
  byDeviceTarget,
  byEntryKey,
  byEnvFilePath,
  byExpose,
  byMountTarget,
  byPort,
  byVolumeTarget,
  type UniqueKey,
} from "./unique-keys.js";

/**
 * How one attribute merges across files (`merge`; absent = maps merge recursively, lists append,
 * scalars are replaced, a null override keeps the base) and which items of its list are the same
 * item (`unique`, applied by `enforceUnicity`).
 */
export interface PathRule {
  readonly merge?: MergeStrategy;
  readonly unique?: UniqueKey;
}

const dependsOnDefaults = { condition: "service_started", required: true };

/** list-or-map attributes (`KEY=value` items or a map): merged as lists, unique by key. */
const keyValueList: PathRule = { merge: appendAsSequence, unique: byEntryKey };
/** plain lists whose items are unique by their text. */
const uniqueList: PathRule = { unique: byEntryKey };

/** THE merge table of the Compose Specification (and compose-go), keyed by tree path pattern. */
export const PATH_RULES: Readonly<Record<string, PathRule>> = {
  "services.*.annotations": keyValueList,
  "services.*.build": { merge: mergeBuild },
  "services.*.build.additional_contexts": keyValueList,
  "services.*.build.args": keyValueList,
  "services.*.build.extra_hosts": { merge: appendNewAsSequence },
  "services.*.build.labels": keyValueList,
  "services.*.build.platform": uniqueList,
  "services.*.build.platforms": uniqueList,
  "services.*.build.tags": uniqueList,
  "services.*.cap_add": uniqueList,
  "services.*.cap_drop": uniqueList,
  "services.*.command": { merge: replace },
  "services.*.configs": { unique: byMountTarget("") },
  "services.*.depends_on": { merge: mergeAsMapping(dependsOnDefaults) },
  "services.*.deploy.labels": keyValueList,
  "services.*.devices": { unique: byDeviceTarget },
  "services.*.dns": keyValueList,
  "services.*.dns_opt": keyValueList,
  "services.*.dns_search": keyValueList,
  "services.*.entrypoint": { merge: replace },
  "services.*.env_file": { merge: appendAsSequence, unique: byEnvFilePath },
  "services.*.environment": keyValueList,
  "services.*.expose": { unique: byExpose },
  "services.*.extra_hosts": { merge: appendNewAsSequence },
  "services.*.healthcheck.test": { merge: replace },
  "services.*.label_file": { merge: appendAsSequence, unique: byEntryKey },
  "services.*.labels": keyValueList,
  "services.*.links": uniqueList,
  "services.*.logging": { merge: mergeLogging },
  "services.*.models": { merge: mergeAsMapping(null) },
  "services.*.networks": { merge: mergeAsMapping(null) },
  "services.*.networks.*.aliases": uniqueList,
  "services.*.networks.*.link_local_ips": uniqueList,
  "services.*.ports": { unique: byPort },
  "services.*.profiles": uniqueList,
  "services.*.secrets": { unique: byMountTarget("/run/secrets") },
  "services.*.sysctls": keyValueList,
  "services.*.tmpfs": keyValueList,
  "services.*.ulimits.*": { merge: replace },
  "services.*.volumes": { unique: byVolumeTarget },
  "services.*.volumes.*.volume.labels": { merge: appendAsSequence },
  "services.*.volumes_from": uniqueList,
  // Runtime flags are an argv, like `command`: the conformance corpus expects replacement here
  // (compose-go HEAD would append: its own test for this is commented out).
  "models.*.runtime_flags": { merge: replace },
  "networks.*.ipam.config": { merge: mergeIpamConfig },
  "networks.*.ipam.options": uniqueList,
  "networks.*.labels": keyValueList,
  "volumes.*.labels": keyValueList,
};

/** PATH_RULES as a trie: a walk steps down it segment by segment (patterns never overlap; a test checks it). */
export const RULE_TRIE: PathTrie<PathRule> = compilePathTrie(
  Object.entries(PATH_RULES).map(([pattern, rule]) => [compilePattern(pattern), rule] as const),
);

/** The rule whose pattern matches `path`, if any. */
export function findPathRule(path: TreePath): PathRule | undefined {
  return walkTrie(RULE_TRIE, path)?.value;
}
