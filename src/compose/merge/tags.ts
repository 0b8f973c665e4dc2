import { isRawMap, type RawMap, type RawValue, TaggedValue } from "../tree.js";
import { getKey, hasKey, setKey } from "./raw-map.js";
import { entryKey } from "./sequence-forms.js";

/** Marks a value that a `!reset` tag removed: the key (or list item) holding it disappears. */
const DROPPED = Symbol("dropped");

function resolve(value: RawValue): RawValue | typeof DROPPED {
  if (value instanceof TaggedValue) return value.tag === "!reset" ? DROPPED : resolve(value.value);
  if (Array.isArray(value)) {
    const out: RawValue[] = [];
    for (const item of value) {
      const resolved = resolve(item);
      if (resolved !== DROPPED) out.push(resolved);
    }
    return out;
  }
  if (isRawMap(value)) {
    const out: RawMap = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = resolve(item);
      if (resolved !== DROPPED) setKey(out, key, resolved);
    }
    return out;
  }
  return value;
}

/**
 * Returns a tag-free deep copy: `!reset` keys and list items are removed, `!override` values unwrapped.
 * A `!reset` at the root gives `null`.
 */
export function resolveTags(tree: RawValue): RawValue {
  const resolved = resolve(tree);
  return resolved === DROPPED ? null : resolved;
}

function resolveOwned(value: RawValue): RawValue | typeof DROPPED {
  if (value instanceof TaggedValue) return value.tag === "!reset" ? DROPPED : resolveOwned(value.value);
  if (Array.isArray(value)) {
    let kept = 0;
    for (let i = 0; i < value.length; i++) {
      const resolved = resolveOwned(value[i] as RawValue);
      if (resolved !== DROPPED) value[kept++] = resolved;
    }
    value.length = kept;
    return value;
  }
  if (isRawMap(value)) {
    for (const key of Object.keys(value)) {
      const item = value[key] as RawValue;
      if (item === null || typeof item !== "object") continue;
      const resolved = resolveOwned(item);
      if (resolved === DROPPED) delete value[key];
      else if (resolved !== item) setKey(value, key, resolved);
    }
  }
  return value;
}

/**
 * `resolveTags` for a tree the caller owns (no node shared): tags are resolved in place, nothing is
 * copied, and the same tree is returned (`null` for a `!reset` root, the inner value for a tagged root).
 */
export function resolveTagsInPlace(tree: RawValue): RawValue {
  const resolved = resolveOwned(tree);
  return resolved === DROPPED ? null : resolved;
}

/**
 * Removes from `base` (a private, tag-free copy, changed in place) every value that the override
 * tags `!reset` or `!override`, so that the merge that follows sees no base value there. Where the
 * base holds the list form of a list-or-map attribute (`environment: [FOO=1]`) and the override its
 * map form, the list items with that key are removed.
 */
export function pruneTagged(base: RawValue, override: RawValue): RawValue {
  if (!isRawMap(override)) return base;
  if (isRawMap(base)) {
    for (const [key, value] of Object.entries(override)) {
      if (!hasKey(base, key)) continue;
      if (value instanceof TaggedValue) delete base[key];
      else setKey(base, key, pruneTagged(getKey(base, key) ?? null, value));
    }
    return base;
  }
  if (Array.isArray(base)) {
    const tagged = new Set(
      Object.entries(override)
        .filter(([, value]) => value instanceof TaggedValue)
        .map(([key]) => key),
    );
    if (tagged.size === 0) return base;
    return base.filter((item) => {
      const key = entryKey(item);
      return key === undefined || !tagged.has(key);
    });
  }
  return base;
}
