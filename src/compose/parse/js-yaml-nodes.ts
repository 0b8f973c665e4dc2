import { type LoadOptions, load, Schema, type State, Type } from "js-yaml";
import type { SourceLocation } from "../source-map.js";
import { checkClose } from "./lax-guards.js";

/** What a written node is. `empty` is a node with no content (`a:`), `alias` a `*name`. */
export type NodeKind = "scalar" | "mapping" | "sequence" | "empty" | "alias";

/** What a collection or empty node turns into as a key: no key as written has this text. */
const NOT_A_KEY = "\u0000not a key";

/** Offset, 0-based line and line start where js-yaml began reading a node (maybe before spaces). */
export interface Opened {
  offset: number;
  line: number;
  lineStart: number;
}

/**
 * One node as js-yaml read it. Values: a scalar's text, a mapping's object (js-yaml's, with our
 * nodes as values), a sequence's array, an alias's target node.
 */
export class YNode {
  /** Where the content starts, once asked for (see NodePlacer). */
  location: SourceLocation | undefined = undefined;
  /** The node closed just before this one in the same collection: for a mapping value, its key. */
  prev: YNode | null = null;

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

  /** How js-yaml stores this node as a key: its text (checked against the key node when copied). */
  toString(): string {
    if (this.kind === "scalar") return this.value as string;
    return this.kind === "alias" ? String(this.value) : NOT_A_KEY;
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

/** A document read by js-yaml: its root node (undefined for an empty stream). */
export interface NodeDocument {
  root: YNode | undefined;
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
  return { root, input: reader.input };
}

/** Follows js-yaml's composeNode calls and replaces each call's result by a YNode. */
class NodeReader {
  private count = 0;
  input = "";
  /** Offset, line and line start of each open call, three numbers per call. */
  private readonly opens: number[] = [];
  /** The first and the last node closed inside each open call. */
  private readonly firsts: (YNode | null)[] = [];
  private readonly lasts: (YNode | null)[] = [];

  open(state: LoaderState): void {
    this.opens.push(state.position, state.line, state.lineStart);
    this.firsts.push(null);
    this.lasts.push(null);
  }

  close(state: LoaderState): void {
    this.input = state.input;
    const lineStart = this.opens.pop() ?? 0;
    const line = this.opens.pop() ?? 0;
    const opened = { offset: this.opens.pop() ?? 0, line, lineStart };
    const child = this.lasts.pop() ?? null;
    const first = this.firsts.pop() ?? null;
    checkClose(state, { child, first, opened });
    const node = this.nodeOf(state, child, opened);
    if (state.anchor !== null) state.anchorMap[state.anchor] = node;
    state.result = node;
    // An empty value after `key:` would not be stored (js-yaml keeps null): a tag makes composeNode
    // report content, so the mapping stores this node, which knows its key (`prev`).
    if (node.kind === "empty" && state.tag === null && state.input.charCodeAt(opened.offset - 1) === 0x3a)
      state.tag = "!";
    const top = this.lasts.length - 1;
    if (top >= 0) {
      node.prev = this.lasts[top] ?? null;
      this.lasts[top] = node;
      if (this.firsts[top] === null) this.firsts[top] = node;
    }
  }

  private make(kind: NodeKind, tag: string | null, value: unknown, open: Opened): YNode {
    return new YNode(this.count++, kind, tag, value, open);
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
