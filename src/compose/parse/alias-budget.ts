import { type RawMap, type RawValue, setOwn, TaggedValue } from "../tree.js";
import { EXPANSION_FACTOR, MIN_EXPANSION } from "./careful-parse.js";
import { Decline } from "./js-yaml-nodes.js";

/** The deepest tree the plain block parser builds, written or expanded (deeper files go the careful way). */
export const BLOCK_MAX_DEPTH = 100;

/** An anchored value and what the careful path charges to convert its node once. */
interface Anchored {
  value: RawValue;
  cost: number;
}

/**
 * Anchored values of the plain block parser and the alias expansion budget, counted as the careful
 * path counts (convert.ts: each node converted, an alias as itself plus its target converted again,
 * a `<<` source in full) but never more generous: its limit grows with the nodes written so far, the
 * careful path's with all of them. The parser reports every node it writes, in text order.
 */
export class Anchors {
  private readonly values = new Map<string, Anchored>();
  /** Anchors whose node is being read, with the charge when it started: an alias to one is a cycle. */
  private readonly open = new Map<string, number>();
  /** Nodes written (keys and aliases included, empty values not): the basis of the limit. */
  private written = 0;
  /** Nodes converted, as the careful path counts them (or more). */
  private used = 0;

  /** Counts a written node that has text (a key, a value, an alias). */
  node(): void {
    this.written++;
    this.used++;
  }

  /** Counts a mapping key (written, never converted). */
  key(): void {
    this.written++;
  }

  /** Counts an empty value (converted, but maybe not a node to the careful path). */
  empty(): void {
    this.used++;
  }

  /** Marks an anchored node as being read (call before reading and counting it). */
  opening(name: string): void {
    if (this.open.has(name)) throw new Decline("anchor reused inside itself");
    this.open.set(name, this.used);
  }

  /** Records the value of an anchor opened before (a later anchor of the same name wins, as in YAML). */
  define(name: string, value: RawValue): void {
    const start = this.open.get(name) ?? this.used;
    this.open.delete(name);
    this.values.set(name, { value, cost: this.used - start });
  }

  /**
   * A fresh copy of the value anchored as `name` for an alias (counted here), charged to the
   * budget; `depth` is the length of the tree path where it goes.
   */
  expand(name: string, depth: number): RawValue {
    const anchored = this.values.get(name);
    if (anchored === undefined || this.open.has(name)) throw new Decline("unknown anchor or cycle");
    this.node();
    this.used += anchored.cost;
    this.check();
    return copyValue(anchored.value, depth);
  }

  /** Throws Decline once the conversions exceed the budget. */
  check(): void {
    if (this.used > Math.max(MIN_EXPANSION, EXPANSION_FACTOR * this.written)) throw new Decline("aliasing");
  }
}

/** A deep copy (tags kept as fresh TaggedValue objects). */
function copyValue(value: RawValue, depth: number): RawValue {
  if (depth > BLOCK_MAX_DEPTH) throw new Decline("nesting");
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof TaggedValue) return new TaggedValue(value.tag, copyValue(value.value, depth));
  if (Array.isArray(value)) {
    const out: RawValue[] = [];
    for (const item of value) out.push(copyValue(item, depth + 1));
    return out;
  }
  const out: RawMap = {};
  for (const key of Object.keys(value)) setOwn(out, key, copyValue(value[key] ?? null, depth + 1));
  return out;
}
