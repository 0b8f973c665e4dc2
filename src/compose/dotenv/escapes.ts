const simple: Readonly<Record<string, string>> = {
  a: "\u0007",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
  // `\$` becomes the template escape `$$`, so the expansion that follows yields a literal `$`.
  $: "$$",
};

/**
 * Expands the escapes Compose honours in a double-quoted .env value: `\a \b \f \n \r \t \v \\ \" \$`
 * and octal `\0ooo`; any other backslash sequence (`\c`, `\x07`, `\u12e4`, `\ `) is kept as written.
 */
export function expandEscapes(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const slash = text.indexOf("\\", i);
    if (slash < 0 || slash === text.length - 1) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, slash);
    const next = text[slash + 1] ?? "";
    const replacement = simple[next];
    if (replacement !== undefined) {
      out += replacement;
      i = slash + 2;
    } else if (next === "0") {
      const digits = /^[0-9]{0,3}/.exec(text.slice(slash + 2, slash + 5))?.[0] ?? "";
      out += octal(digits);
      i = slash + 2 + digits.length;
    } else {
      out += "\\";
      i = slash + 1;
    }
  }
  return out;
}

/** `\0` + up to three digits: a byte value when they are three octal digits, else `\` + the digits. */
function octal(digits: string): string {
  if (/^[0-7]{3}$/.test(digits)) {
    const value = Number.parseInt(digits, 8);
    if (value <= 255) return String.fromCodePoint(value);
  }
  return `\\${digits}`;
}
