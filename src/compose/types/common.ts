/** `x-*` keys kept beside the known attributes of an object, as `docker compose config` keeps them. */
export type Extensions = { [key: `x-${string}`]: unknown };

/** A string-to-string mapping (labels, sysctls, driver options, …). */
export type StringMap = Record<string, string>;

/** Environment-like mapping: `null` means declared without a value and unresolved. */
export type NullableStringMap = Record<string, string | null>;

/** A Go-style duration rendered as compose prints it, e.g. `1m30s`, `500ms`. */
export type DurationString = string;

/** A byte size rendered as compose prints it: the decimal number of bytes, e.g. `"1073741824"`. */
export type ByteSizeString = string;

/** A ulimit: one number for soft = hard, or both bounds. */
export type UlimitConfig = number | ({ soft?: number; hard?: number } & Extensions);
