const CORE_PREFIX = "tag:yaml.org,2002:";
const STANDARD = new Set([
  "str",
  "int",
  "float",
  "bool",
  "null",
  "timestamp",
  "binary",
  "seq",
  "map",
  "merge",
]);

/** What a node's tag means to berth. */
export type TagKind =
  | { kind: "none" }
  | { kind: "compose"; tag: "!reset" | "!override" }
  | { kind: "standard"; short: string }
  | { kind: "unknown"; tag: string };

/** Sorts a tag (as the yaml package resolves it) into none, compose tags, standard `!!` tags or unknown. */
export function classifyTag(tag: string | undefined): TagKind {
  if (tag === undefined || tag === "!") return { kind: "none" };
  if (tag === "!reset" || tag === "!override") return { kind: "compose", tag };
  if (tag.startsWith(CORE_PREFIX) && STANDARD.has(tag.slice(CORE_PREFIX.length))) {
    return { kind: "standard", short: `!!${tag.slice(CORE_PREFIX.length)}` };
  }
  return { kind: "unknown", tag: tag.startsWith(CORE_PREFIX) ? `!!${tag.slice(CORE_PREFIX.length)}` : tag };
}

/** The message for a tag berth does not understand. */
export function unknownTagMessage(tag: string): string {
  return `unknown tag ${tag}: only !reset, !override and the standard YAML tags (!!str, !!int, …) are supported`;
}
