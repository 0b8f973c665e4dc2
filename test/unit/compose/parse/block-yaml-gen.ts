// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
// Random compose-like block YAML for the differential tests of the plain block parser: mostly
// valid, often slightly odd (the parser must decline or agree), sometimes broken.

/** A small deterministic random source (mulberry32). */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

const SCALARS = [
  "web",
  "nginx:1.25",
  "1",
  "-1",
  "+1",
  "0",
  "-0",
  "007",
  "0777",
  "0o7",
  "0x1F",
  "0b101",
  "1_000",
  "1e3",
  "1.5e-3",
  ".5",
  "5.",
  ".inf",
  "-.inf",
  "+.Inf",
  ".nan",
  ".NaN",
  "~",
  "null",
  "Null",
  "NULL",
  "true",
  "False",
  "TRUE",
  "yes",
  "no",
  "on",
  "off",
  "y",
  "12:30",
  "1:2:3",
  "a b",
  "a  b",
  "a#b",
  "a #b",
  "a: b",
  "a:b",
  "a:",
  ":a",
  "-x",
  "- x",
  "x-",
  "--",
  "?x",
  "? x",
  "'q'",
  '"d"',
  "it's",
  'say "hi"',
  "",
  " lead",
  "trail ",
  "#",
  "[a]",
  "{a}",
  "a]",
  "a}",
  "*a",
  "&a",
  "!x",
  "!reset",
  "|",
  ">",
  "%x",
  "@x",
  "`x",
  ",",
  "a,b",
  "é",
  "日本",
  "a\\b",
  "a\\nb",
  "\\",
  "${VAR:-x}",
  "$$",
  "CMD-SHELL",
  "echo hi && exit 1",
  "8080:80",
  "127.0.0.1:80:80/udp",
  "x=1",
  "a=b c",
  "---",
  "...",
  "<<",
  "a\tb",
  "tab\t",
  "2001-01-01",
  "0.0.0.0",
  "1.2.3",
  "9223372036854775807",
  "18446744073709551616",
  "0x",
  "0o",
  "_1",
  "1__0",
  "+",
  "-",
  ".",
  "..",
  "-.5",
  "+.5e+3",
];
const MULTILINE = [
  "a\nb",
  "a\n\nb\n",
  "line one\nline two\n",
  '#!/bin/sh\nexec "$@"\n',
  " x\ny",
  "x\n  y\nz",
  "a\n",
];
const KEYS = [
  "image",
  "web",
  "a",
  "b",
  "a b",
  "a:b",
  "a#b",
  "1",
  "true",
  "~",
  "null",
  "<<",
  "x-common",
  "com.example.label",
  "KEY_1",
  "-x",
  "__proto__",
  "constructor",
  "toString",
  "é",
  "a-b",
  "0x1",
  "ports",
];
const ANCHORS = ["a", "b", "c", "x-y", "n.1"];

/** Options of one rendering. */
interface Style {
  step: number;
}

/** Renders a random compose-like YAML text from `seed`. */
export function randomBlockYaml(seed: number): string {
  const random = new Random(seed);
  const lines: string[] = [];
  if (random.chance(0.1)) lines.push(random.pick(["---", "# head", "", "--- # c", "---x"]));
  const style: Style = { step: random.pick([2, 2, 2, 4, 1, 3]) };
  const anchors: string[] = [];
  renderMapping(random, lines, 0, 3, style, anchors);
  let text = lines.join("\n") + (random.chance(0.9) ? "\n" : "");
  text = mutate(random, text);
  return text;
}

function renderMapping(
  random: Random,
  lines: string[],
  indent: number,
  depth: number,
  style: Style,
  anchors: string[],
  firstPrefix?: string,
): void {
  const count = 1 + random.int(4);
  const pad = " ".repeat(indent);
  for (let i = 0; i < count; i++) {
    const prefix = i === 0 && firstPrefix !== undefined ? firstPrefix : pad;
    if (random.chance(0.08)) lines.push(`${" ".repeat(random.int(indent + 3))}# comment`);
    if (random.chance(0.05)) lines.push(" ".repeat(random.int(3)));
    const key = renderKey(random);
    if (key === "<<" && anchors.length > 0 && random.chance(0.8)) {
      const names = random.chance(0.6)
        ? `*${random.pick(anchors)}`
        : `[*${random.pick(anchors)}, *${random.pick(anchors)}]`;
      lines.push(`${prefix}<<: ${names}`);
      continue;
    }
    renderEntryValue(random, lines, `${prefix}${key}:`, indent, depth, style, anchors, true);
  }
}

function renderKey(random: Random): string {
  const key = random.pick(KEYS);
  const r = random.next();
  if (r < 0.1) return `'${key.replaceAll("'", "''")}'`;
  if (r < 0.2) return JSON.stringify(key);
  if (r < 0.23) return `${key} `;
  return key;
}

function properties(random: Random, deferred: string[]): string {
  let out = "";
  if (random.chance(0.1)) {
    const name = random.pick(ANCHORS);
    deferred.push(name);
    out += `&${name} `;
  }
  if (random.chance(0.08)) out += `${random.pick(["!reset", "!override", "!!str", "!foo"])} `;
  if (random.chance(0.03)) out += `&${random.pick(ANCHORS)} `;
  return out;
}

function renderEntryValue(
  random: Random,
  lines: string[],
  head: string,
  indent: number,
  depth: number,
  style: Style,
  anchors: string[],
  inMapping: boolean,
): void {
  const deferred: string[] = [];
  const props = properties(random, deferred);
  const r = random.next();
  const sep = random.chance(0.03) ? "" : " ";
  const childIndent = indent + (random.chance(0.9) ? style.step : random.int(4));
  if (depth > 0 && r < 0.25) {
    lines.push(`${head}${props === "" ? "" : ` ${props.trimEnd()}`}${comment(random)}`);
    renderMapping(random, lines, childIndent, depth - 1, style, anchors);
  } else if (depth > 0 && r < 0.4) {
    lines.push(`${head}${props === "" ? "" : ` ${props.trimEnd()}`}${comment(random)}`);
    const seqIndent = inMapping && random.chance(0.4) ? indent : childIndent;
    renderSequence(random, lines, seqIndent, depth - 1, style, anchors);
  } else if (r < 0.5) {
    const text = random.pick([...MULTILINE, ...SCALARS]);
    const header = random.pick(["|", "|-", ">", ">-", "|+", ">+", "|2", "| # c", "|#c"]);
    lines.push(`${head}${sep}${props}${header}`);
    const pad = " ".repeat(childIndent);
    for (const line of text.split("\n")) lines.push(line === "" && random.chance(0.7) ? "" : `${pad}${line}`);
  } else if (r < 0.6 && anchors.length > 0) {
    lines.push(`${head}${sep}*${random.pick(anchors)}${comment(random)}`);
  } else if (r < 0.7) {
    lines.push(`${head}${sep}${props}${renderFlow(random, anchors)}${comment(random)}`);
  } else if (r < 0.73) {
    lines.push(`${head}${props === "" ? "" : ` ${props.trimEnd()}`}`);
  } else {
    lines.push(`${head}${sep}${props}${renderScalar(random)}${comment(random)}`);
  }
  anchors.push(...deferred);
}

function renderSequence(
  random: Random,
  lines: string[],
  indent: number,
  depth: number,
  style: Style,
  anchors: string[],
): void {
  const count = 1 + random.int(3);
  const pad = " ".repeat(indent);
  for (let i = 0; i < count; i++) {
    if (random.chance(0.05)) lines.push(`${" ".repeat(random.int(indent + 3))}# note`);
    const dash = random.chance(0.03) ? "-" : `-${" ".repeat(random.chance(0.9) ? 1 : 2)}`;
    if (depth > 0 && random.chance(0.3)) {
      const first = `${pad}${dash}`;
      renderMapping(random, lines, indent + dash.length, depth - 1, style, anchors, first);
    } else {
      renderEntryValue(random, lines, `${pad}-`, indent, depth, style, anchors, false);
    }
  }
}

function renderFlow(random: Random, anchors: string[]): string {
  const items: string[] = [];
  const count = random.int(4);
  const asMap = random.chance(0.4);
  for (let i = 0; i < count; i++) {
    const value =
      anchors.length > 0 && random.chance(0.1) ? `*${random.pick(anchors)}` : renderScalar(random);
    items.push(asMap ? `${renderKey(random)}: ${value}` : value);
  }
  const sep = random.pick([", ", ",", " , "]);
  const trailing = random.chance(0.05) ? "," : "";
  return asMap ? `{${items.join(sep)}${trailing}}` : `[${items.join(sep)}${trailing}]`;
}

function renderScalar(random: Random): string {
  const text = random.pick(SCALARS);
  const r = random.next();
  if (r < 0.15) return `'${text.replaceAll("'", "''")}'`;
  if (r < 0.3) return JSON.stringify(text);
  if (r < 0.33) return `"${text}"`;
  return text;
}

function comment(random: Random): string {
  const r = random.next();
  if (r < 0.1) return " # trailing";
  if (r < 0.13) return "#touching";
  if (r < 0.16) return "  ";
  return "";
}

/** Line-end, encoding and small textual changes that real files (and typos) bring. */
function mutate(random: Random, input: string): string {
  let text = input;
  if (random.chance(0.05)) text = text.replaceAll("\n", "\r\n");
  if (random.chance(0.03)) text = `\uFEFF${text}`;
  if (random.chance(0.05)) text = text.replace(/\n/, "\n\t");
  if (random.chance(0.1)) {
    const at = random.int(text.length + 1);
    const insert = random.pick([
      " ",
      "  ",
      "\n",
      ":",
      "-",
      "#",
      "'",
      '"',
      "\t",
      "\r",
      "*a",
      "&a ",
      "!",
      "[",
      "}",
      "|",
    ]);
    text = text.slice(0, at) + insert + text.slice(at + random.int(3));
  }
  return text;
}
