// Go's YAML encoder (yaml.v3) sorts map keys in a "natural" order rather than by code point:
// digit runs compare by value, and at the first difference between a letter and a non-letter the
// non-letter comes first unless the previous rune was a digit. Matching it keeps `config` output
// identical to Docker Compose's.

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isLetter = (c: string): boolean => /\p{L}/u.test(c);

/** Negative when `a` sorts before `b` in the YAML encoder's key order. */
export function compareYamlKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  let afterDigit = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) {
      afterDigit = isDigit(ac);
      continue;
    }
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc ? -1 : 1;
    if (al || bl) {
      const aFirst = afterDigit ? al : bl;
      return aFirst ? -1 : 1;
    }
    return compareDigitRuns(ar, br, i);
  }
  return ar.length - br.length;
}

function compareDigitRuns(ar: string[], br: string[], start: number): number {
  // Zeros only count as leading when no non-zero digit precedes them in the shared run.
  let prefixed = false;
  if (ar[start] === "0" || br[start] === "0") {
    for (let j = start - 1; j >= 0 && isDigit(ar[j] as string); j--) {
      if (ar[j] !== "0") {
        prefixed = true;
        break;
      }
    }
  }
  const [an, aEnd] = digitRun(ar, start, prefixed);
  const [bn, bEnd] = digitRun(br, start, prefixed);
  if (an !== bn) return an < bn ? -1 : 1;
  if (aEnd !== bEnd) return aEnd - bEnd;
  return (ar[start] as string) < (br[start] as string) ? -1 : 1;
}

function digitRun(chars: string[], start: number, prefixed: boolean): [bigint, number] {
  let value = prefixed ? 1n : 0n;
  let end = start;
  while (end < chars.length && isDigit(chars[end] as string)) {
    value = value * 10n + BigInt(chars[end] as string);
    end++;
  }
  return [value, end];
}
