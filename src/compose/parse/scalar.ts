/** The YAML type a scalar resolved to (yaml.v3 names, as compose-go sees them). */
export type ScalarKind = "null" | "bool" | "int" | "float" | "str";

/** A resolved scalar: its YAML kind and its value in the raw tree. */
export interface ResolvedScalar {
  kind: ScalarKind;
  value: null | boolean | number | string;
}

const WORDS = new Map<string, ResolvedScalar>([
  ...["", "~", "null", "Null", "NULL"].map((w): [string, ResolvedScalar] => [
    w,
    { kind: "null", value: null },
  ]),
  ...["true", "True", "TRUE"].map((w): [string, ResolvedScalar] => [w, { kind: "bool", value: true }]),
  ...["false", "False", "FALSE"].map((w): [string, ResolvedScalar] => [w, { kind: "bool", value: false }]),
  ...[".nan", ".NaN", ".NAN"].map((w): [string, ResolvedScalar] => [w, { kind: "float", value: Number.NaN }]),
  ...["", "+"].flatMap((sign) =>
    [".inf", ".Inf", ".INF"].map((w): [string, ResolvedScalar] => [
      sign + w,
      { kind: "float", value: Infinity },
    ]),
  ),
  ...[".inf", ".Inf", ".INF"].map((w): [string, ResolvedScalar] => [
    `-${w}`,
    { kind: "float", value: -Infinity },
  ]),
]);

const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const LEADING_DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const INT_BODY: Record<number, RegExp> = {
  2: /^[01]+$/,
  8: /^[0-7]+$/,
  10: /^[0-9]+$/,
  16: /^[0-9a-fA-F]+$/,
};
const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);

/**
 * Resolves an untagged plain scalar the way yaml.v3 does for compose-go: YAML 1.2 core words
 * (`yes`/`no`/`on`/`off` stay strings), integers with 0x/0o/0b and 1.1-style `0777` octals,
 * underscores ignored in numbers, floats; anything else is a string.
 */
export function resolvePlain(text: string): ResolvedScalar {
  const word = WORDS.get(text);
  if (word) return word;
  const first = text.charAt(0);
  if (first === ".") {
    return LEADING_DOT_FLOAT.test(text) ? { kind: "float", value: Number(text) } : str(text);
  }
  if (!/[-+0-9]/.test(first)) return str(text);
  const plain = text.replaceAll("_", "");
  const int = parseGoInt(plain);
  if (int !== undefined) return { kind: "int", value: Number(int) };
  if (FLOAT.test(plain)) return { kind: "float", value: Number(plain) };
  return str(text);
}

/** Integer syntax of Go's strconv.ParseInt/ParseUint with base 0, limited to int64/uint64. */
function parseGoInt(text: string): bigint | undefined {
  const negative = text.startsWith("-");
  const unsigned = text.startsWith("-") || text.startsWith("+") ? text.slice(1) : text;
  let base = 10;
  let digits = unsigned;
  const prefix = unsigned.slice(0, 2).toLowerCase();
  if (prefix === "0x") [base, digits] = [16, unsigned.slice(2)];
  else if (prefix === "0o") [base, digits] = [8, unsigned.slice(2)];
  else if (prefix === "0b") [base, digits] = [2, unsigned.slice(2)];
  else if (unsigned.length > 1 && unsigned.startsWith("0")) [base, digits] = [8, unsigned.slice(1)];
  const pattern = INT_BODY[base];
  if (!pattern?.test(digits)) return undefined;
  const magnitude = BigInt(
    base === 10 ? digits : `0${prefix === "0x" ? "x" : prefix === "0b" ? "b" : "o"}${digits}`,
  );
  const value = negative ? -magnitude : magnitude;
  if (value < INT64_MIN || value > UINT64_MAX) return undefined;
  return value;
}

/**
 * Resolves a scalar that carries a standard tag (`!!str`, `!!int`, …); returns an error message
 * when the text does not fit the tag (same wording as yaml.v3).
 */
export function resolveWithTag(shortTag: string, text: string): ResolvedScalar | { error: string } {
  if (shortTag === "!!str" || shortTag === "!!binary") return str(text);
  const resolved = resolvePlain(text);
  const fits =
    shortTag === "!!timestamp"
      ? /^[0-9]{4}-/.test(text)
      : shortTag === "!!float"
        ? resolved.kind === "float" || resolved.kind === "int"
        : `!!${resolved.kind}` === shortTag;
  if (!fits) return { error: `cannot decode !!${resolved.kind} \`${text}\` as a ${shortTag}` };
  if (shortTag === "!!timestamp") return str(text);
  if (shortTag === "!!float") return { kind: "float", value: resolved.value };
  return resolved;
}

function str(text: string): ResolvedScalar {
  return { kind: "str", value: text };
}
