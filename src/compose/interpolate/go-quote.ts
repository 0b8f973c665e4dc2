/** Quotes a string the way Go's `%#v`/`strconv.Quote` does, so messages read like Compose's. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    out += quoteChar(char);
  }
  return `${out}"`;
}

const simpleEscapes: Readonly<Record<string, string>> = {
  "\u0007": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  "\\": "\\\\",
  '"': '\\"',
};

// Go prints letters, marks, numbers, punctuation, symbols and the ASCII space; it escapes the rest.
const unprintable = /^[\p{C}\p{Z}]$/u;

function quoteChar(char: string): string {
  const simple = simpleEscapes[char];
  if (simple !== undefined) return simple;
  if (char === " " || !unprintable.test(char)) return char;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}
