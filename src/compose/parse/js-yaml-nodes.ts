import { type LoadOptions, load, Schema, type State, Type } from "js-yaml";
import { hasProperties, propertiesWellFormed } from "./node-place.js";

/** What a written node is. `empty` is a node with no content (`a:`), `alias` a `*name`. */
export type NodeKind = "scalar" | "mapping" | "sequence" | "empty" | "alias";

/** Marks a mapping key that js-yaml stored for us: the key's node id follows it. */
export const KEY_MARK = "\u0000";

/**
 * One node as js-yaml read it, with where it was opened. Values: a scalar's text, a mapping's
 * object (keys are KEY_MARK + id of the key node), a sequence's array, an alias's target node.
 */
export class YNode {
  constructor(
    readonly id: number,
    readonly kind: NodeKind,
    /** As js-yaml resolves it: null for none, "?" for an untagged plain scalar. */
    readonly tag: string | null,
    readonly value: unknown,
    /** Offset, 0-based line and line start where js-yaml began reading the node (maybe before spaces). */
    readonly open: { offset: number; line: number; lineStart: number },
  ) {}

  /** Keeps js-yaml from turning the key into "[object Object]". */
  get [Symbol.toStringTag](): string {
    return "YNode";
  }

  /** How js-yaml stores a key: our mark and the node id, so we can find the node (and its place). */
  toString(): string {
    return KEY_MARK + this.id;
  }
}

/** The parts of js-yaml's loader state we read (and write: `result`, `anchorMap`). */
interface LoaderState {
  input: string;
  position: number;
  line: number;
  lineStart: number;
  kind: string | null;
  result: unknown;
  tag: string | null;
  anchor: string | null;
  anchorMap: Record<string, unknown>;
}

/** A document read by js-yaml: its root node (undefined for an empty stream) and every node by id. */
export interface NodeDocument {
  root: YNode | undefined;
  nodes: YNode[];
  /** The text js-yaml read (byte order mark removed, `\0` appended). */
  input: string;
}

/** Thrown when js-yaml read something this path does not model; the careful path takes over. */
export class Decline extends Error {}

const identity = (data: unknown): unknown => data;
/** Accepts every tag on every kind unchanged: tags are judged later, all problems at once. */
const SCHEMA = new Schema({
  explicit: (["scalar", "sequence", "mapping"] as const).map(
    (kind) => new Type("", { kind, multi: true, construct: identity }),
  ),
});

/** Reads one YAML document with js-yaml into YNodes (no implicit typing: plain scalars stay text). */
export function readNodes(text: string, maxDepth: number): NodeDocument {
  const nodes: YNode[] = [];
  const opens: number[] = [];
  const lastChild: (YNode | null)[] = [];
  let input = "";
  const listener = (event: "open" | "close", jsState: State): void => {
    const state = jsState as unknown as LoaderState;
    if (event === "open") {
      opens.push(state.position, state.line, state.lineStart);
      lastChild.push(null);
      return;
    }
    const lineStart = opens.pop() ?? 0;
    const line = opens.pop() ?? 0;
    const offset = opens.pop() ?? 0;
    const child = lastChild.pop() ?? null;
    // `[a]#x`, `"a"#x`: js-yaml takes a comment that touches a node; the `yaml` package does not.
    if (
      state.input.charCodeAt(state.position) === 0x23 &&
      !isBlank(state.input.charCodeAt(state.position - 1))
    )
      throw new Decline("comment touches a node");
    const opened = { offset, line, lineStart };
    const make: Make = (kind, tag, value, open) => {
      const made = new YNode(nodes.length, kind, tag, value, open ?? opened);
      nodes.push(made);
      return made;
    };
    if (state.tag !== null || state.anchor !== null) {
      if (!propertiesWellFormed(state.input, opened))
        throw new Decline("properties the yaml package rejects");
    } else if (child !== null && state.result !== child && hasProperties(state.input, opened)) {
      // A failed try at a block mapping (`!reset` then `|` on the next line) reset js-yaml's properties.
      throw new Decline("properties lost");
    }
    const node = closeNode(state, { child, opened, nodes, make });
    if (state.anchor !== null) state.anchorMap[state.anchor] = node;
    state.result = node;
    if (lastChild.length > 0) lastChild[lastChild.length - 1] = node;
  };
  const options: LoadOptions & { maxDepth: number } = {
    schema: SCHEMA,
    json: false,
    maxDepth,
    onWarning(warning) {
      // Deficient indentation of a quoted scalar and the like: the `yaml` package rejects them.
      throw new Decline(warning.message);
    },
    listener(event, state) {
      input = state.input;
      listener(event, state);
    },
  };
  const root = load(text, options);
  if (root !== undefined && !(root instanceof YNode)) throw new Decline("root is not a node");
  return { root, nodes, input };
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * `a: &x b: c`: js-yaml reads the properties as those of a first key `b` of a nested mapping; the
 * `yaml` package rejects a mapping that starts on the line of its own key.
 */
function startsCompactMapping(input: string, result: unknown, { nodes, opened }: Closing): boolean {
  if (input.charCodeAt(opened.offset - 1) !== 0x3a) return false;
  for (const stored in result as Record<string, unknown>) {
    const key = nodes[Number(stored.slice(1))];
    if (key === undefined || key.open.line !== opened.line) return false;
    const c = input.charCodeAt(key.open.offset);
    return c === 0x21 || c === 0x26;
  }
  return false;
}

/**
 * `c:` `# note` `value` on three lines: valid YAML, but the `yaml` package (and so this parser
 * until now) rejects it. Only white space and comments lie between the two offsets.
 */
function commentBefore(input: string, from: YNode["open"], to: YNode["open"]): boolean {
  return to.line > from.line && input.slice(from.offset, to.offset).includes("#");
}

type Make = (kind: NodeKind, tag: string | null, value: unknown, open?: YNode["open"]) => YNode;

/** What closing one node needs besides js-yaml's state. */
interface Closing {
  /** The last node closed inside this one. */
  child: YNode | null;
  opened: YNode["open"];
  nodes: YNode[];
  make: Make;
}

/** The node a finished composeNode call stands for. */
function closeNode(state: LoaderState, closing: Closing): YNode {
  const { child, make } = closing;
  const result = state.result;
  if (result instanceof YNode) {
    if (result !== child) {
      // A `*name` read by this call: js-yaml hands over the anchored node (we stored it).
      return make("alias", null, result);
    }
    // js-yaml tried a block mapping, found a lone node instead and kept it as this node's content.
    if (result.kind === "empty" || result.kind === "alias") {
      if (state.tag !== null || state.anchor !== null) throw new Decline("properties lost");
      return result;
    }
    if (result.kind === "scalar" && commentBefore(state.input, closing.opened, result.open))
      throw new Decline("comment between a key and its scalar");
    if (state.tag === null) return result;
    if (result.tag !== null && result.tag !== "?") throw new Decline("two tags");
    return make(result.kind, state.tag, result.value, result.open);
  }
  switch (state.kind) {
    case "scalar":
      if (typeof result !== "string") throw new Decline("scalar without text");
      return make("scalar", state.tag, result);
    case "mapping":
      if (startsCompactMapping(state.input, result, closing))
        throw new Decline("compact mapping after a key");
      return make(state.kind, state.tag, result);
    case "sequence":
      return make(state.kind, state.tag, result);
    case null:
      if (result !== null) throw new Decline("content without kind");
      return make("empty", state.tag, null);
    default:
      throw new Decline(`unknown kind ${state.kind}`);
  }
}
