/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= t.length; j++) row.push(i === 0 ? j : 0);
    rows.push(row);
  }
  for (let i = 1; i <= s.length; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      row[j] = best;
    }
  }
  return rows[s.length]![t.length]!;
}

/** The allowed key closest to `key` (distance ≤ 2 or a close prefix), or undefined when none is near. */
export function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  const lower = key.toLowerCase();
  for (const candidate of [...allowed].sort()) {
    const distance = editDistance(key, candidate);
    let score = Number.POSITIVE_INFINITY;
    if (distance <= 2 && distance < key.length) score = distance;
    else if (isClosePrefix(lower, candidate.toLowerCase())) score = 3;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function isClosePrefix(key: string, candidate: string): boolean {
  const [short, long] = key.length <= candidate.length ? [key, candidate] : [candidate, key];
  return short.length >= 3 && long.startsWith(short);
}

/** The message for a key that is not allowed at its place, with a did-you-mean for near misses. */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const suggestion = suggestKey(key, allowed);
  const base = `additional property "${key}" is not allowed`;
  return suggestion === undefined ? base : `${base} (did you mean "${suggestion}"?)`;
}
