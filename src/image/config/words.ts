import { UsageError } from "../../shared/errors.js";

/** Looks a variable up (the image's Env so far); undefined when unset. */
export type VariableLookup = (name: string) => string | undefined;

/** A lookup over `KEY=value` strings; the last definition wins. */
export function envLookup(env: readonly string[]): VariableLookup {
  const map = new Map<string, string>();
  for (const item of env) {
    const eq = item.indexOf("=");
    if (eq > 0) map.set(item.slice(0, eq), item.slice(eq + 1));
    else map.set(item, "");
  }
  return (name) => map.get(name);
}

const nameStart = /[A-Za-z_]/;
const nameChar = /[A-Za-z0-9_]/;

class Scanner {
  pos = 0;
  constructor(
    readonly text: string,
    private readonly lookup: VariableLookup,
  ) {}

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? "";
  }

  fail(reason: string): never {
    throw new UsageError(`cannot process "${this.text}": ${reason}`);
  }

  /** `$` seen at `pos`: returns the expansion and moves past it. */
  variable(): string {
    this.pos += 1;
    if (this.peek() === "{") return this.braced();
    let name = "";
    while (name === "" ? nameStart.test(this.peek()) : nameChar.test(this.peek()))
      name += this.text[this.pos++];
    if (name === "") return "$";
    return this.lookup(name) ?? "";
  }

  private braced(): string {
    const close = this.text.indexOf("}", this.pos);
    if (close === -1) this.fail("missing '}' in variable substitution");
    const body = this.text.slice(this.pos + 1, close);
    this.pos = close + 1;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body);
    if (!match) this.fail(`bad substitution "\${${body}}"`);
    const [, name = "", operator, word = ""] = match;
    const value = this.lookup(name);
    const expandedWord = () => processWords(word, this.lookup, { split: false })[0] ?? "";
    switch (operator) {
      case ":-":
        return value === undefined || value === "" ? expandedWord() : value;
      case "-":
        return value === undefined ? expandedWord() : value;
      case ":+":
        return value === undefined || value === "" ? "" : expandedWord();
      case "+":
        return value === undefined ? "" : expandedWord();
      default:
        return value ?? "";
    }
  }
}

/**
 * Dockerfile word processing: quotes ('…' literal, "…" with `\` escapes and variables), `\` escapes and
 * `$VAR`/`${VAR}`/`${VAR:-word}`/`${VAR:+word}` expansion; `split` breaks on unquoted whitespace.
 */
export function processWords(text: string, lookup: VariableLookup, options: { split: boolean }): string[] {
  const scan = new Scanner(text, lookup);
  const words: string[] = [];
  let current = "";
  let started = false;
  while (scan.pos < text.length) {
    const ch = scan.peek();
    if (options.split && /\s/.test(ch)) {
      if (started) words.push(current);
      current = "";
      started = false;
      scan.pos += 1;
      continue;
    }
    started = true;
    if (ch === "'") {
      const close = text.indexOf("'", scan.pos + 1);
      if (close === -1) scan.fail("unexpected end of text looking for matching '");
      current += text.slice(scan.pos + 1, close);
      scan.pos = close + 1;
    } else if (ch === '"') {
      scan.pos += 1;
      for (;;) {
        const inner = scan.peek();
        if (inner === "") scan.fail('unexpected end of text looking for matching "');
        if (inner === '"') break;
        if (inner === "\\" && ['"', "\\", "$"].includes(scan.peek(1))) {
          current += scan.peek(1);
          scan.pos += 2;
        } else if (inner === "$") {
          current += scan.variable();
        } else {
          current += inner;
          scan.pos += 1;
        }
      }
      scan.pos += 1;
    } else if (ch === "\\") {
      current += scan.peek(1);
      scan.pos += 2;
    } else if (ch === "$") {
      current += scan.variable();
    } else {
      current += ch;
      scan.pos += 1;
    }
  }
  if (started) words.push(current);
  return words;
}

/** One word, expanded, unsplit (WORKDIR, USER, STOPSIGNAL). */
export function processWord(text: string, lookup: VariableLookup): string {
  return processWords(text, lookup, { split: false })[0] ?? "";
}
