// Splits a command string into argv the way compose-go does (go-shellwords defaults: no env, no backticks run).

const OPERATORS = new Set([";", "&", "|", "<", ">"]);

/** Thrown for an unbalanced quote or a stray parenthesis. */
export class ShellWordsError extends Error {}

/**
 * Splits `line` into words: whitespace separates, quotes group, backslash escapes outside single quotes.
 * Like compose, parsing stops at the first unquoted `;`, `&`, `|`, `<` or `>` (a leading fd number of
 * a `>` redirect is dropped too).
 */
export function splitShellWords(line: string): string[] {
  const args: string[] = [];
  let buf = "";
  let got = false;
  let escaped = false;
  let single = false;
  let double = false;
  let backQuote = false;
  let dollarDepth = 0;
  for (const ch of line) {
    if (escaped) {
      buf += ch;
      escaped = false;
      got = true;
      continue;
    }
    if (ch === "\\" && !single) {
      escaped = true;
      continue;
    }
    if (/\s/u.test(ch)) {
      if (single || double || backQuote || dollarDepth > 0) buf += ch;
      else if (got) {
        args.push(buf);
        buf = "";
        got = false;
      }
      continue;
    }
    if (ch === '"' && !single && !backQuote && dollarDepth === 0) {
      double = !double;
      got = true;
      continue;
    }
    if (ch === "'" && !double && !backQuote && dollarDepth === 0) {
      single = !single;
      got = true;
      continue;
    }
    if (!single && !double) {
      if (ch === "`" && dollarDepth === 0) backQuote = !backQuote;
      else if (ch === "(" && !backQuote) {
        if (!buf.endsWith("$") || dollarDepth > 0) throw new ShellWordsError("invalid command line string");
        dollarDepth++;
      } else if (ch === ")" && dollarDepth > 0) dollarDepth--;
      else if (OPERATORS.has(ch) && !backQuote && dollarDepth === 0) {
        if (ch === ">" && /^\d+$/.test(buf)) got = false;
        break;
      }
    }
    buf += ch;
    got = true;
  }
  if (escaped || single || double || backQuote || dollarDepth > 0) {
    throw new ShellWordsError("invalid command line string");
  }
  if (got) args.push(buf);
  return args;
}
