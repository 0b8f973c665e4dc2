// Byte sizes and durations, parsed the way compose-go does and printed the way `compose config` prints them.

const BYTE_SIZE = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;
const BYTE_UNITS: Record<string, number> = {
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/** Parses `512m`, `1.5g`, `1024`, … (binary units) into a count of bytes; undefined when invalid. */
export function parseByteSize(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (/^-?\d+$/.test(value)) return Number(value);
  const match = BYTE_SIZE.exec(value);
  if (!match) return undefined;
  const size = Number.parseFloat(match[1] ?? "");
  if (!Number.isFinite(size)) return undefined;
  const unit = match[2]?.toLowerCase();
  return Math.trunc(size * (unit === undefined ? 1 : (BYTE_UNITS[unit] ?? 1)));
}

/** A byte size rendered as compose prints it (`"536870912"`), or undefined when invalid. */
export function formatByteSize(value: string | number): string | undefined {
  const bytes = parseByteSize(value);
  return bytes === undefined ? undefined : String(bytes);
}

const NS = 1n;
const US = 1000n * NS;
const MS = 1000n * US;
const SECOND = 1000n * MS;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;
const DURATION_UNITS: Record<string, bigint> = {
  ns: NS,
  us: US,
  "\u00b5s": US,
  "\u03bcs": US,
  ms: MS,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
  d: 24n * HOUR,
  w: 7n * 24n * HOUR,
};
const DURATION_PART = /^(\d*)(?:\.(\d*))?([a-z\u00b5\u03bc]+)/;

/** Parses a Go duration (`1m30s`, `1.5h`, `2d`, `0`) into nanoseconds; undefined when invalid. */
export function parseDuration(text: string): bigint | undefined {
  let rest = text;
  let sign = 1n;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    if (rest.startsWith("-")) sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0n;
  if (rest === "") return undefined;
  let total = 0n;
  while (rest !== "") {
    const match = DURATION_PART.exec(rest);
    if (!match) return undefined;
    const [all, whole = "", fraction = "", unitName = ""] = match;
    const unit = DURATION_UNITS[unitName];
    if (unit === undefined || (whole === "" && fraction === "")) return undefined;
    total += BigInt(whole === "" ? "0" : whole) * unit;
    if (fraction !== "") {
      const scale = 10n ** BigInt(fraction.length);
      total += (BigInt(fraction) * unit) / scale;
    }
    rest = rest.slice(all.length);
  }
  return sign * total;
}

function fraction(value: bigint, digits: number): { text: string; rest: bigint } {
  const scale = 10n ** BigInt(digits);
  const frac = value % scale;
  if (frac === 0n) return { text: "", rest: value / scale };
  const text = frac.toString().padStart(digits, "0").replace(/0+$/, "");
  return { text: `.${text}`, rest: value / scale };
}

/** Renders nanoseconds like Go's time.Duration.String(): `1m30s`, `1h0m0s`, `500ms`, `0s`. */
export function formatDuration(nanoseconds: bigint): string {
  const negative = nanoseconds < 0n;
  const u = negative ? -nanoseconds : nanoseconds;
  const sign = negative ? "-" : "";
  if (u === 0n) return "0s";
  if (u < SECOND) {
    if (u < US) return `${sign}${u}ns`;
    const [digits, unit] = u < MS ? [3, "\u00b5s"] : [6, "ms"];
    const { text, rest } = fraction(u, digits as number);
    return `${sign}${rest}${text}${unit}`;
  }
  const { text, rest: seconds } = fraction(u, 9);
  let out = `${seconds % 60n}${text}s`;
  const minutes = seconds / 60n;
  if (minutes > 0n) {
    out = `${minutes % 60n}m${out}`;
    const hours = minutes / 60n;
    if (hours > 0n) out = `${hours}h${out}`;
  }
  return `${sign}${out}`;
}

// Pure and asked for the same few texts (`30s` in every service's healthcheck): remembered, up to a bound.
const durations = new Map<string, string | undefined>();
const REMEMBERED_DURATIONS = 512;

/** A duration as compose prints it, or undefined when `value` is not a duration. */
export function normalizeDuration(value: string | number): string | undefined {
  const text = String(value);
  if (durations.has(text)) return durations.get(text);
  const ns = parseDuration(text);
  const out = ns === undefined ? undefined : formatDuration(ns);
  if (durations.size < REMEMBERED_DURATIONS) durations.set(text, out);
  return out;
}
