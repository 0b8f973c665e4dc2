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

/** A strict object: unknown keys are errors (with a did-you-mean), `x-` keys allowed when asked. */
export function strict<T extends z.ZodRawShape>(shape: T, options: ObjectOptions) {
  const allowed = Object.keys(shape);
  const known = new Set(allowed);
  return z.looseObject(shape).superRefine(
    (value, ctx) => {
      for (const key of Object.keys(value)) {
        if (known.has(key) || (options.extensions && key.startsWith("x-"))) continue;
        ctx.addIssue({ code: "custom", path: [key], message: unknownKeyMessage(key, allowed) });
      }
    },
    { when: (payload) => isPlainObject(payload.value) },
  );
}

/** A mapping whose entries are checked only when their key matches `pattern` (others are left as is). */
export function patternMap<T extends z.ZodType>(pattern: RegExp, value: T) {
  return z.record(z.string(), z.unknown()).superRefine(
    (map, ctx) => {
      for (const [key, entry] of Object.entries(map)) {
        if (!pattern.test(key)) continue;
        const result = value.safeParse(entry, { reportInput: true });
        if (result.success) continue;
        for (const issue of result.error.issues) {
          ctx.addIssue({ ...issue, path: [key, ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
        }
      }
    },
    { when: (payload) => isPlainObject(payload.value) },
  );
}

/** A mapping of user-chosen names to values; names outside NAME_PATTERN are errors. */
export function namedMap<T extends z.ZodType>(value: T) {
  return z.record(z.string(), value).superRefine(
    (map, ctx) => {
      for (const key of Object.keys(map)) {
        if (NAME_PATTERN.test(key)) continue;
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `"${key}" is not a valid name (use only letters, digits, ".", "_" and "-")`,
        });
      }
    },
    { when: (payload) => isPlainObject(payload.value) },
  );
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

/** An array whose items must all differ (JSON schema `uniqueItems`). */
export function uniqueArray<T extends z.ZodType>(item: T) {
  return z.array(item).superRefine(
    (items, ctx) => {
      const seen = new Map<string, number>();
      items.forEach((entry, index) => {
        const text = canonical(entry);
        const first = seen.get(text);
        if (first === undefined) seen.set(text, index);
        else ctx.addIssue({ code: "custom", path: [index], message: `duplicate of item [${first}]` });
      });
    },
    { when: (payload) => Array.isArray(payload.value) },
  );
}
