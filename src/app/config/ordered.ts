/** A mapping whose entries keep the order they were given (unlike JS objects with integer-like keys). */
export class OrderedMap {
  constructor(readonly entries: readonly (readonly [string, OrderedValue])[]) {}
}

/** Plain data with mappings as `OrderedMap`: what the renderers print, in exactly this order. */
export type OrderedValue = null | boolean | number | string | OrderedValue[] | OrderedMap;
