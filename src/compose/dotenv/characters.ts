/** Space that does not end a line, as the Compose .env parser sees it. */
export function isInlineSpace(char: string): boolean {
  switch (char) {
    case "\t":
    case "\v":
    case "\f":
    case "\r":
    case " ":
    case "\u0085":
    case "\u00a0":
      return true;
    default:
      return false;
  }
}

const unicodeSpace = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/** Go's unicode.IsSpace (JS `\s` differs: it adds U+FEFF and omits U+0085). */
export function isUnicodeSpace(char: string): boolean {
  return unicodeSpace.test(char);
}

/** Removes trailing Go-unicode spaces. */
export function trimEndSpace(text: string): string {
  let end = text.length;
  while (end > 0 && isUnicodeSpace(text[end - 1] ?? "")) end--;
  return text.slice(0, end);
}

const keyChar = /^[\p{L}\p{N}_.\-[\]]$/u;

/** Letters, digits (any script), `_`, `.`, `-`, `[` and `]` may appear in a key. */
export function isKeyChar(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x80) return /[A-Za-z0-9_.\-[\]]/.test(char);
  return keyChar.test(char);
}
