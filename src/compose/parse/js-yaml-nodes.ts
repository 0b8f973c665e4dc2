import { type LoadOptions, load, Schema, type State, Type } from "js-yaml";

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
    const node = closeNode(state, child, (kind, tag, value, open) => {
      const made = new YNode(nodes.length, kind, tag, value, open ?? { offset, line, lineStart });
      nodes.push(made);
      return made;
    });
    if (state.anchor !== null) state.anchorMap[state.anchor] = node;
    state.result = node;
    if (lastChild.length > 0) lastChild[lastChild.length - 1] = node;
  };
  const options: LoadOptions & { maxDepth: number } = {
    schema: SCHEMA,
    json: false,
    maxDepth,
    listener(event, state) {
      input = state.input;
      listener(event, state);
    },
  };
  const root = load(text, options);
  if (root !== undefined && !(root instanceof YNode)) throw new Decline("root is not a node");
  return { root, nodes, input };
}

type Make = (kind: NodeKind, tag: string | null, value: unknown, open?: YNode["open"]) => YNode;

/** The node a finished composeNode call stands for. `child` is the last node closed inside it. */
function closeNode(state: LoaderState, child: YNode | null, make: Make): YNode {
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
    if (state.tag === null) return result;
    if (result.tag !== null && result.tag !== "?") throw new Decline("two tags");
    return make(result.kind, state.tag, result.value, result.open);
  }
  switch (state.kind) {
    case "scalar":
      if (typeof result !== "string") throw new Decline("scalar without text");
      return make("scalar", state.tag, result);
    case "mapping":
    case "sequence":
      return make(state.kind, state.tag, result);
    case null:
      if (result !== null) throw new Decline("content without kind");
      return make("empty", state.tag, null);
    default:
      throw new Decline(`unknown kind ${state.kind}`);
  }
}
