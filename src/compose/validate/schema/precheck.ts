import type { z } from "zod";
import { isPlainObject, itemIdentity, NAME_PATTERN, type Structure, structureOf } from "./object.js";

/**
 * A compiled pre-check: true only when zod would surely accept the value with no issue. False means
 * "found a problem or not sure": zod then runs to build the exact report. It must never be true where
 * zod finds an issue (test/unit/compose/validate/precheck.test.ts compares them on generated trees).
 */
export type Precheck = (value: unknown) => boolean;

const compiled = new WeakMap<z.ZodType, Precheck>();

// Nested runs as the schemas of object.ts make them (see runInto there).
const NESTED: z.core.ParseContextInternal = { reportInput: true, async: false };

/** The pre-check of `schema`, compiled once from its zod definition (and object.ts's structures). */
export function precheckOf(schema: z.ZodType): Precheck {
  const known = compiled.get(schema);
  if (known !== undefined) return known;
  // Set before compiling the parts, so a schema that (indirectly) contains itself ends the recursion.
  let built: Precheck | undefined;
  compiled.set(schema, (value) => (built as Precheck)(value));
  built = compile(schema);
  compiled.set(schema, built);
  return built;
}

/** Where the pre-check cannot mirror a schema, zod itself checks that value (rare: unusual schemas). */
function byZod(schema: z.ZodType): Precheck {
  return (value) => {
    const result = schema._zod.run({ value, issues: [] }, NESTED);
    return !(result instanceof Promise) && result.issues.length === 0;
  };
}

/** The parts of a zod definition the compiler reads. */
interface Definition {
  type: string;
  checks?: { _zod: { def: CheckDefinition } }[];
  check?: string;
  coerce?: boolean;
  format?: string;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  inclusive?: boolean;
  discriminator?: unknown;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  mode?: string;
}

interface CheckDefinition {
  check: string;
  format?: string;
  pattern?: RegExp;
  value?: unknown;
  inclusive?: boolean;
}

function compile(schema: z.ZodType): Precheck {
  const structure = structureOf(schema);
  if (structure !== undefined) return fromStructure(structure);
  const def = schema._zod.def as Definition;
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  if (def.coerce === true) return byZod(schema);
  switch (def.type) {
    case "string":
      return def.format === undefined && def.check === undefined
        ? stringCheck(schema, checks)
        : byZod(schema);
    case "number":
      return numberCheck(schema, def, checks);
    case "boolean":
      return checks.length === 0 ? (value) => typeof value === "boolean" : byZod(schema);
    case "null":
      return checks.length === 0 ? (value) => value === null : byZod(schema);
    case "unknown":
    case "any":
      return checks.length === 0 ? () => true : byZod(schema);
    case "enum":
    case "literal": {
      const values = schema._zod.values;
      return checks.length === 0 && values !== undefined
        ? (value) => values.has(value as never)
        : byZod(schema);
    }
    case "optional": {
      if (checks.length > 0 || def.innerType === undefined) return byZod(schema);
      const inner = precheckOf(def.innerType);
      return (value) => value === undefined || inner(value);
    }
    case "nullable": {
      if (checks.length > 0 || def.innerType === undefined) return byZod(schema);
      const inner = precheckOf(def.innerType);
      return (value) => value === null || inner(value);
    }
    case "union": {
      if (checks.length > 0 || def.inclusive === false || def.discriminator !== undefined || !def.options)
        return byZod(schema);
      const options = def.options.map(precheckOf);
      const count = options.length;
      return (value) => {
        for (let i = 0; i < count; i++) if ((options[i] as Precheck)(value)) return true;
        return false;
      };
    }
    case "array": {
      if (checks.length > 0 || def.element === undefined) return byZod(schema);
      const item = precheckOf(def.element);
      return (value) => {
        if (!Array.isArray(value)) return false;
        for (let i = 0; i < value.length; i++) if (!item(value[i])) return false;
        return true;
      };
    }
    case "record":
      return recordCheck(schema, def, checks.length);
    default:
      return byZod(schema);
  }
}

function stringCheck(schema: z.ZodType, checks: CheckDefinition[]): Precheck {
  const patterns: RegExp[] = [];
  for (const check of checks) {
    if (check.check !== "string_format" || check.format !== "regex" || !(check.pattern instanceof RegExp))
      return byZod(schema);
    patterns.push(check.pattern);
  }
  if (patterns.length === 0) return (value) => typeof value === "string";
  return (value) => {
    if (typeof value !== "string") return false;
    for (let i = 0; i < patterns.length; i++) {
      const pattern = patterns[i] as RegExp;
      pattern.lastIndex = 0;
      if (!pattern.test(value)) return false;
    }
    return true;
  };
}

function numberCheck(schema: z.ZodType, def: Definition, checks: CheckDefinition[]): Precheck {
  // A number format (`z.int()`) is a check of the schema itself, outside `def.checks`.
  if (def.check !== undefined && (def.check !== "number_format" || def.format !== "safeint"))
    return byZod(schema);
  if (def.check === undefined && def.format !== undefined) return byZod(schema);
  const whole = def.format === "safeint";
  const bounds: ((value: number) => boolean)[] = [];
  for (const check of checks) {
    const limit = check.value;
    if (typeof limit !== "number") return byZod(schema);
    if (check.check === "greater_than")
      bounds.push(check.inclusive ? (value) => value >= limit : (value) => value > limit);
    else if (check.check === "less_than")
      bounds.push(check.inclusive ? (value) => value <= limit : (value) => value < limit);
    else return byZod(schema);
  }
  return (value) => {
    if (typeof value !== "number" || !Number.isFinite(value)) return false;
    if (whole && !Number.isSafeInteger(value)) return false;
    for (let i = 0; i < bounds.length; i++)
      if (!(bounds[i] as (value: number) => boolean)(value)) return false;
    return true;
  };
}

/** A mapping as zod's records take it: a plain object, whose constructor key (if any) is no function. */
function isRecordInput(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return typeof value.constructor !== "function" || !Object.hasOwn(value, "constructor");
}

function recordCheck(schema: z.ZodType, def: Definition, checks: number): Precheck {
  const key = def.keyType?._zod.def as Definition | undefined;
  const plainStringKeys =
    key !== undefined &&
    key.type === "string" &&
    (key.checks ?? []).length === 0 &&
    key.format === undefined &&
    key.coerce !== true;
  if (checks > 0 || !plainStringKeys || def.valueType === undefined || def.mode !== undefined)
    return byZod(schema);
  const entry = precheckOf(def.valueType);
  return (value) => {
    if (!isRecordInput(value)) return false;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) if (!entry(value[keys[i] as string])) return false;
    return true;
  };
}

function fromStructure(structure: Structure): Precheck {
  switch (structure.kind) {
    case "strict": {
      const entries = new Map<string, Precheck>();
      for (const [key, schema] of structure.schemas) entries.set(key, precheckOf(schema));
      const { required, extensions } = structure;
      return (value) => {
        if (!isPlainObject(value)) return false;
        const keys = Object.keys(value);
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i] as string;
          const entry = entries.get(key);
          if (entry === undefined) {
            if (!(extensions && key.startsWith("x-"))) return false;
          } else if (!entry(value[key])) return false;
        }
        for (let i = 0; i < required.length; i++)
          if (!Object.hasOwn(value, required[i] as string)) return false;
        return true;
      };
    }
    case "pattern": {
      const entry = precheckOf(structure.value);
      const { pattern } = structure;
      return (value) => {
        if (!isPlainObject(value)) return false;
        const keys = Object.keys(value);
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i] as string;
          if (pattern.test(key) && !entry(value[key])) return false;
        }
        return true;
      };
    }
    case "named": {
      const entry = precheckOf(structure.value);
      return (value) => {
        if (!isPlainObject(value)) return false;
        const keys = Object.keys(value);
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i] as string;
          if (!NAME_PATTERN.test(key) || !entry(value[key])) return false;
        }
        return true;
      };
    }
    case "unique": {
      const item = precheckOf(structure.item);
      return (value) => {
        if (!Array.isArray(value)) return false;
        for (let i = 0; i < value.length; i++) if (!item(value[i])) return false;
        if (value.length < 2) return true;
        const seen = new Set<string>();
        for (let i = 0; i < value.length; i++) {
          const text = itemIdentity(value[i]);
          if (seen.has(text)) return false;
          seen.add(text);
        }
        return true;
      };
    }
  }
}
