import { z } from "zod";
import { unknownKeyMessage } from "../suggest.js";

/** Whether an object accepts `x-` extension keys besides its own (JSON schema `patternProperties "^x-"`). */
export interface ObjectOptions {
  extensions: boolean;
}

/** A name as the spec allows for services, volumes, networks, secrets, configs and models. */
export const NAME_PATTERN = /^[a-zA-Z0-9._-]+$/;

/** True for a plain mapping value. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Nested values are parsed with zod's own `run`, as zod's objects do, so issues keep their abort semantics
// (which union branches rely on) and are finalized once, by the outer parse; inputs are kept for messages.
const NESTED: z.core.ParseContextInternal = { reportInput: true, async: false };

/** Bits for the kinds of value a schema surely accepts without an issue (see trivialKinds). */
const STRING = 1;
const BOOLEAN = 2;
const FINITE_NUMBER = 4;
const NULL = 8;
const trivial = new WeakMap<z.ZodType, number>();

/**
 * What a schema made here checks, which zod cannot tell (to zod it is an opaque check function): the
 * pre-check (precheck.ts) reads it to check the same thing without zod.
 */
export type Structure =
  | {
      kind: "strict";
      schemas: ReadonlyMap<string, z.ZodType>;
      required: readonly string[];
      extensions: boolean;
    }
  | { kind: "pattern"; pattern: RegExp; value: z.ZodType }
  | { kind: "named"; value: z.ZodType }
  | { kind: "unique"; item: z.ZodType };

const structures = new WeakMap<z.ZodType, Structure>();

/** The structure of a schema made by `strict`, `patternMap`, `namedMap` or `uniqueArray`. */
export function structureOf(schema: z.ZodType): Structure | undefined {
  return structures.get(schema);
}

function described<T extends z.ZodType>(schema: T, structure: Structure): T {
  structures.set(schema, structure);
  return schema;
}

/** The parts of a zod definition trivialKinds reads (exclusive and discriminated unions are not trivial). */
interface TrivialDef {
  type: string;
  checks?: unknown[];
  coerce?: boolean;
  format?: string;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  inclusive?: boolean;
  discriminator?: unknown;
}

/**
 * The kinds of value that `schema` accepts with no issue whatever the value: a check-free string,
 * boolean, number (finite: zod rejects NaN and infinities) or null, and optionals and unions of those
 * (a union succeeds, with no issue, when one option does). 0 for anything else.
 */
function trivialKinds(schema: z.ZodType): number {
  const known = trivial.get(schema);
  if (known !== undefined) return known;
  const def = schema._zod.def as TrivialDef;
  // A format (`z.int()`, `z.email()`) is a check of its own, outside `def.checks`.
  const plain =
    (def.checks?.length ?? 0) === 0 &&
    def.coerce !== true &&
    def.format === undefined &&
    !schema._zod.traits.has("$ZodCheck");
  let kinds = 0;
  if (def.type === "string" && plain) kinds = STRING;
  else if (def.type === "boolean" && plain) kinds = BOOLEAN;
  else if (def.type === "number" && plain) kinds = FINITE_NUMBER;
  else if (def.type === "null" && plain) kinds = NULL;
  else if (def.type === "optional" && plain && def.innerType) kinds = trivialKinds(def.innerType);
  else if (
    def.type === "union" &&
    plain &&
    def.inclusive !== false &&
    def.discriminator === undefined &&
    def.options
  )
    for (const option of def.options) kinds |= trivialKinds(option);
  trivial.set(schema, kinds);
  return kinds;
}

/** True when parsing `value` with `schema` surely yields no issue (so zod need not run). */
function passesTrivially(schema: z.ZodType, value: unknown): boolean {
  switch (typeof value) {
    case "string":
      return (trivialKinds(schema) & STRING) !== 0;
    case "boolean":
      return (trivialKinds(schema) & BOOLEAN) !== 0;
    case "number":
      return Number.isFinite(value) && (trivialKinds(schema) & FINITE_NUMBER) !== 0;
    case "object":
      return value === null && (trivialKinds(schema) & NULL) !== 0;
    default:
      return false;
  }
}

/** Parses `value` with `schema` and adds its issues, under `key`, to `payload`. */
function runInto(payload: z.core.ParsePayload, schema: z.ZodType, value: unknown, key: string): void {
  if (passesTrivially(schema, value)) return;
  const result = schema._zod.run({ value, issues: [] }, NESTED) as z.core.ParsePayload;
  for (const issue of result.issues) {
    // Prefixed in place, as zod's own containers do: the nested payload is discarded.
    (issue as { path?: PropertyKey[] }).path = [key, ...(issue.path ?? [])];
    payload.issues.push(issue);
  }
}

/** Adds a problem of the mapping itself (or of one of its keys) that does not stop other checks. */
function addProblem(payload: z.core.ParsePayload, path: string[], message: string, input: unknown): void {
  payload.issues.push({ code: "custom", path, message, input, continue: true });
}

/** Adds "must be a mapping" when the value is not one; true when it is. */
function expectMapping(
  payload: z.core.ParsePayload,
): payload is z.core.ParsePayload<Record<string, unknown>> {
  if (isPlainObject(payload.value)) return true;
  payload.issues.push({ code: "invalid_type", expected: "object", input: payload.value });
  return false;
}

/**
 * A strict object: unknown keys are errors (with a did-you-mean), `x-` keys allowed when asked.
 * Only the keys present are parsed, so a service with a hundred possible attributes costs what it uses.
 */
export function strict(shape: Record<string, z.ZodType>, options: ObjectOptions) {
  const allowed = Object.keys(shape);
  const schemas = new Map(Object.entries(shape));
  const required = allowed.filter((key) => shape[key]?._zod.def.type !== "optional");
  const schema = z.unknown().check((payload) => {
    if (!expectMapping(payload)) return;
    const value = payload.value;
    for (const key of Object.keys(value)) {
      const schema = schemas.get(key);
      if (schema !== undefined) runInto(payload, schema, value[key], key);
      else if (!(options.extensions && key.startsWith("x-"))) {
        addProblem(payload, [key], unknownKeyMessage(key, allowed), value[key]);
      }
    }
    for (const key of required) {
      if (!Object.hasOwn(value, key)) addProblem(payload, [], `missing required property "${key}"`, value);
    }
  });
  return described(schema, { kind: "strict", schemas, required, extensions: options.extensions });
}

/** A mapping whose entries are checked only when their key matches `pattern` (others are left as is). */
export function patternMap(pattern: RegExp, value: z.ZodType) {
  const schema = z.unknown().check((payload) => {
    if (!expectMapping(payload)) return;
    for (const [key, entry] of Object.entries(payload.value)) {
      if (pattern.test(key)) runInto(payload, value, entry, key);
    }
  });
  return described(schema, { kind: "pattern", pattern, value });
}

/** A mapping of user-chosen names to values; names outside NAME_PATTERN are errors. */
export function namedMap(value: z.ZodType) {
  const schema = z.unknown().check((payload) => {
    if (!expectMapping(payload)) return;
    for (const [key, entry] of Object.entries(payload.value)) {
      if (!NAME_PATTERN.test(key)) {
        addProblem(
          payload,
          [key],
          `"${key}" is not a valid name (use only letters, digits, ".", "_" and "-")`,
          entry,
        );
      }
      runInto(payload, value, entry, key);
    }
  });
  return described(schema, { kind: "named", value });
}

/** Canonical text of a value, for duplicate detection (object keys sorted). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The text by which `uniqueArray` tells items apart. */
export function itemIdentity(entry: unknown): string {
  return typeof entry === "object" && entry !== null ? canonical(entry) : `${typeof entry}:${entry}`;
}

/** An array whose items must all differ (JSON schema `uniqueItems`). */
export function uniqueArray<T extends z.ZodType>(item: T) {
  const schema = z.array(item).superRefine(
    (items, ctx) => {
      const seen = new Map<string, number>();
      items.forEach((entry, index) => {
        const text = itemIdentity(entry);
        const first = seen.get(text);
        if (first === undefined) seen.set(text, index);
        else ctx.addIssue({ code: "custom", path: [index], message: `duplicate of item [${first}]` });
      });
    },
    { when: (payload) => Array.isArray(payload.value) },
  );
  return described(schema, { kind: "unique", item });
}
