import { ComposeError, type ComposeIssue, issueAt } from "../errors.js";
import type { EnvLookup } from "../host.js";
import type { SourceMap } from "../source-map.js";
import { formatPath, type RawValue, TaggedValue, type TreePath } from "../tree.js";
import { goQuote } from "./go-quote.js";
import {
  describeFailure,
  expandTemplate,
  type TemplateFailure,
  TemplateFailureSignal,
} from "./template-scanner.js";

/** Options of `interpolateTree`. */
export interface InterpolateTreeOptions {
  lookup: EnvLookup;
  /** Locates failures as file:line:column. */
  sources?: SourceMap;
  /** Path of `value` inside the whole compose tree (for messages and source lookup). */
  pathPrefix?: TreePath;
  /** Hears each unset variable used without default, with the path of the value (Compose warns). */
  onUnset?: (name: string, path: TreePath) => void;
}

/**
 * Substitutes variables in every string value of `value` at any depth (never in keys; inside
 * `!reset`/`!override` too, keeping the tag). Every failure is collected; one ComposeError lists them.
 */
export function interpolateTree(value: RawValue, options: InterpolateTreeOptions): RawValue {
  const issues: ComposeIssue[] = [];
  const result = walk(value, options.pathPrefix ?? [], { ...options, issues });
  if (issues.length > 0) throw new ComposeError(issues);
  return result;
}

interface WalkContext extends InterpolateTreeOptions {
  issues: ComposeIssue[];
}

function walk(value: RawValue, path: TreePath, context: WalkContext): RawValue {
  if (typeof value === "string") return expandAt(value, path, context);
  if (value instanceof TaggedValue) return new TaggedValue(value.tag, walk(value.value, path, context));
  if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index], context));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key], context)]),
    );
  }
  return value;
}

function expandAt(template: string, path: TreePath, context: WalkContext): string {
  try {
    const { onUnset } = context;
    return expandTemplate(template, {
      lookup: context.lookup,
      onUnset: onUnset && ((name) => onUnset(name, path)),
    });
  } catch (error: unknown) {
    if (!(error instanceof TemplateFailureSignal)) throw error;
    context.issues.push(issueAt(path, pathMessage(path, error.failure), context.sources));
    return template;
  }
}

/** Compose's wording of a failure at a tree path. */
function pathMessage(path: TreePath, failure: TemplateFailure): string {
  const where = formatPath(path);
  if (failure.kind === "invalid") {
    return (
      `invalid interpolation format for ${where}: ${goQuote(failure.template)}` +
      " (you may need to escape any $ with another $)"
    );
  }
  return `error while interpolating ${where}: ${describeFailure(failure)}`;
}
