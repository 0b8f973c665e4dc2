import { type LoadOptions, load, Schema, type State, Type } from "js-yaml";
import type { SourceLocation } from "../source-map.js";
import { checkClose } from "./lax-guards.js";

/** What a written node is. `empty` is a node with no content (`a:`), `alias` a `*name`. */
export type NodeKind = "scalar" | "mapping" | "sequence" | "empty" | "alias";

/** Offset, 0-based line and line start where js-yaml began reading a node (maybe before spaces). */
export interface Opened {
  offset: number;
  line: number;
  lineStart: number;
}

/**
 * One node as js-yaml read it. Values: a scalar's text, a mapping's object (keys are the ids of
 * the key nodes, so js-yaml never sees two equal keys and we find each key's node), a sequence's
 * array, an alias's target node.
 */
export class YNode {
  /** Where the content starts, once asked for (see NodePlacer). */
  location: SourceLocation | undefined = undefined;

  constructor(
    readonly id: number,
    readonly kind: NodeKind,
    /** As js-yaml resolves it: null for none, "?" for an untagged plain scalar. */
    readonly tag: string | null,
    readonly value: unknown,
    readonly open: Opened,
  ) {}

  /** Keeps js-yaml from turning the key into "[object Object]". */
  get [Symbol.toStringTag](): string {
    return "YNode";
  }

  /** How js-yaml stores this node as a key: its id (integer keys also keep V8's objects lean). */
  toString(): string {
    return String(this.id);
  }
}

/** The parts of js-yaml's loader state we read (and write: `result`, `anchorMap`). */
export interface LoaderState {
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
/** Accepts every tag on every kind unchanged: tags are judged later. */
const SCHEMA = new Schema({
  explicit: (["scalar", "sequence", "mapping"] as const).map(
    (kind) => new Type("", { kind, multi: true, construct: identity }),
  ),
});

/** Reads one YAML document with js-yaml into YNodes (no implicit typing: plain scalars stay text). */
export function readNodes(text: string, maxDepth: number): NodeDocument {
  const reader = new NodeReader();
  const options: LoadOptions & { maxDepth: number } = {
    schema: SCHEMA,
    json: false,
    maxDepth,
    onWarning(warning) {
      // Deficient indentation of a quoted scalar and the like: the `yaml` package rejects them.
      throw new Decline(warning.message);
    },
    listener(event: "open" | "close", state: State) {
      if (event === "open") reader.open(state as unknown as LoaderState);
      else reader.close(state as unknown as LoaderState);
    },
  };
  const root = load(text, options);
  if (root !== undefined && !(root instanceof YNode)) throw new Decline("root is not a node");
  return { root, nodes: reader.nodes, input: reader.input };
}

/** Follows js-yaml's composeNode calls and replaces each call's result by a YNode. */
class NodeReader {
  readonly nodes: YNode[] = [];
  input = "";
  /** Offset, line and line start of each open call, three numbers per call. */
  private readonly opens: number[] = [];
  /** The last node closed inside each open call. */
  private readonly children: (YNode | null)[] = [];

  open(state: LoaderState): void {
    this.opens.push(state.position, state.line, state.lineStart);
    this.children.push(null);
  }

  close(state: LoaderState): void {
    this.input = state.input;
    const lineStart = this.opens.pop() ?? 0;
    const line = this.opens.pop() ?? 0;
    const opened = { offset: this.opens.pop() ?? 0, line, lineStart };
    const child = this.children.pop() ?? null;
    checkClose(state, { child, opened, nodes: this.nodes });
    const node = this.nodeOf(state, child, opened);
    if (state.anchor !== null) state.anchorMap[state.anchor] = node;
    state.result = node;
    if (this.children.length > 0) this.children[this.children.length - 1] = node;
  }

  private make(kind: NodeKind, tag: string | null, value: unknown, open: Opened): YNode {
    const node = new YNode(this.nodes.length, kind, tag, value, open);
    this.nodes.push(node);
    return node;
  }

  /** The node a finished composeNode call stands for; `child` is the last node closed inside it. */
  private nodeOf(state: LoaderState, child: YNode | null, opened: Opened): YNode {
    const result = state.result;
    if (result instanceof YNode) {
      // A `*name` read by this call: js-yaml hands over the anchored node (we stored it).
      if (result !== child) return this.make("alias", null, result, opened);
      // js-yaml tried a block mapping, found a lone node instead and kept it as this node's content.
      if (result.kind === "empty" || result.kind === "alias") {
        if (state.tag !== null || state.anchor !== null) throw new Decline("properties lost");
        return result;
      }
      if (state.tag === null) return result;
      if (result.tag !== null && result.tag !== "?") throw new Decline("two tags");
      return this.make(result.kind, state.tag, result.value, result.open);
    }
    switch (state.kind) {
      case "scalar":
        if (typeof result !== "string") throw new Decline("scalar without text");
        return this.make("scalar", state.tag, result, opened);
      case "mapping":
      case "sequence":
        return this.make(state.kind, state.tag, result, opened);
      case null:
        if (result !== null) throw new Decline("content without kind");
        return this.make("empty", state.tag, null, opened);
      default:
        throw new Decline(`unknown kind ${state.kind}`);
    }
  }
}
