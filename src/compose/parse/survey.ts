import { type Alias, isAlias, isMap, isScalar, isSeq, type ParsedNode } from "yaml";
import type { ComposeIssue } from "../errors.js";
import type { TreePath } from "../tree.js";
import { keyOf } from "./keys.js";
import { type Locator, ParseAbort } from "./locate.js";
import { resolveWithTag } from "./scalar.js";
import { classifyTag, unknownTagMessage } from "./tags.js";

/** Deepest nesting accepted, written or expanded through aliases. */
export const MAX_DEPTH = 500;

/** What one pass over the written document (no alias expanded) learned. */
export interface Survey {
  /** The node each alias refers to: the last node anchored with its name before it. */
  targets: Map<Alias.Parsed, ParsedNode>;
  /** Nodes as written, aliases counted once: the basis of the alias expansion budget. */
  nodeCount: number;
  /** Problems of the written text: unknown anchors and tags, duplicate or bad keys, tag misuse. */
  issues: ComposeIssue[];
}

/** Walks the document once in text order: resolves aliases, counts nodes, finds written problems. */
export function surveyDocument(root: ParsedNode, locator: Locator): Survey {
  const survey: Survey = { targets: new Map(), nodeCount: 0, issues: [] };
  const anchors = new Map<string, ParsedNode>();

  const visit = (node: ParsedNode | null, path: TreePath): void => {
    if (node === null) return;
    if (path.length > MAX_DEPTH) {
      throw new ParseAbort(
        locator.issue(path, node.range[0], `nesting too deep (more than ${MAX_DEPTH} levels)`),
      );
    }
    survey.nodeCount++;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) {
        survey.issues.push(locator.issue(path, node.range[0], `unknown anchor '${node.source}' referenced`));
      } else {
        survey.targets.set(node, target);
      }
      return;
    }
    if (node.anchor !== undefined) anchors.set(node.anchor, node);
    checkTag(node, path);
    if (isMap(node)) {
      const firstLines = new Map<string, number>();
      for (const pair of node.items) {
        visit(pair.key, path);
        const key = keyOf(pair.key, survey.targets);
        const keyOffset = pair.key?.range[0] ?? node.range[0];
        const name = "merge" in key ? "<<" : "key" in key ? key.key : undefined;
        if ("error" in key) survey.issues.push(locator.issue(path, keyOffset, key.error));
        if (name !== undefined) {
          const first = firstLines.get(name);
          if (first === undefined) firstLines.set(name, locator.at(keyOffset).line);
          else
            survey.issues.push(
              locator.issue(
                [...path, name],
                keyOffset,
                `mapping key ${JSON.stringify(name)} already defined at line ${first}`,
              ),
            );
        }
        visit(pair.value, "key" in key ? [...path, key.key] : path);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        visit(item, [...path, index]);
      });
    }
  };

  const checkTag = (node: ParsedNode, path: TreePath): void => {
    const tag = classifyTag(node.tag);
    const offset = node.range[0];
    if (tag.kind === "unknown") {
      survey.issues.push(locator.issue(path, offset, unknownTagMessage(tag.tag)));
    } else if (tag.kind === "standard") {
      const problem = standardTagProblem(node, tag.short);
      if (problem !== undefined) survey.issues.push(locator.issue(path, offset, problem));
    }
  };

  visit(root, []);
  return survey;
}

function standardTagProblem(node: ParsedNode, short: string): string | undefined {
  if (isScalar(node)) {
    if (short === "!!merge" && node.value === "<<") return undefined;
    if (short === "!!map" || short === "!!seq" || short === "!!merge") {
      return `tag ${short} cannot be used on a scalar`;
    }
    const resolved = resolveWithTag(short, String(node.value));
    return "error" in resolved ? resolved.error : undefined;
  }
  const expected = isMap(node) ? "!!map" : "!!seq";
  return short === expected
    ? undefined
    : `tag ${short} cannot be used on a ${isMap(node) ? "mapping" : "sequence"}`;
}
