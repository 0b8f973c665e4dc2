import { UsageError } from "../../shared/errors.js";

/** One word of an action: a field path (`.A.B`, `.`), a literal, a function name or a pipe. */
export type Token =
  | { kind: "field"; path: string[] }
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "ident"; name: string }
  | { kind: "pipe" };

/** A parsed template: text, value actions, and `if`/`range` blocks. */
export type TemplateNode =
  | { kind: "text"; text: string }
  | { kind: "value"; pipeline: Token[][] }
  | { kind: "if" | "range"; pipeline: Token[][]; body: TemplateNode[]; otherwise: TemplateNode[] };

function bad(source: string, why: string): UsageError {
  return new UsageError(`template parsing error: ${why} in "${source}"`);
}

/** Splits an action's text into tokens (Go template lexing for the subset berth supports). */
export function tokenize(action: string, source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < action.length) {
    const ch = action[i] ?? "";
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "|") {
      tokens.push({ kind: "pipe" });
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < action.length && action[j] !== '"') j += action[j] === "\\" ? 2 : 1;
      if (j >= action.length) throw bad(source, "unterminated quoted string");
      tokens.push({ kind: "string", value: JSON.parse(action.slice(i, j + 1)) as string });
      i = j + 1;
    } else if (ch === "`") {
      const j = action.indexOf("`", i + 1);
      if (j < 0) throw bad(source, "unterminated raw string");
      tokens.push({ kind: "string", value: action.slice(i + 1, j) });
      i = j + 1;
    } else {
      const word = /^[^\s|]+/.exec(action.slice(i))?.[0] ?? ch;
      i += word.length;
      if (word === ".") tokens.push({ kind: "field", path: [] });
      else if (word.startsWith(".")) tokens.push({ kind: "field", path: word.slice(1).split(".") });
      else if (/^-?\d+(\.\d+)?$/.test(word)) tokens.push({ kind: "number", value: Number(word) });
      else if (/^[A-Za-z_]\w*$/.test(word)) tokens.push({ kind: "ident", name: word });
      else throw bad(source, `unexpected "${word}"`);
    }
  }
  return tokens;
}

function pipelineOf(tokens: Token[]): Token[][] {
  const commands: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === "pipe") commands.push([]);
    else commands[commands.length - 1]?.push(token);
  }
  return commands;
}

/** Parses Go-template text: `{{.Field}}`, functions, pipes, `if`/`else`/`range`/`end`. */
export function parseTemplate(source: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: { node: Extract<TemplateNode, { kind: "if" | "range" }>; inElse: boolean }[] = [];
  const target = (): TemplateNode[] => {
    const top = stack[stack.length - 1];
    if (!top) return root;
    return top.inElse ? top.node.otherwise : top.node.body;
  };
  let rest = source;
  while (rest !== "") {
    const open = rest.indexOf("{{");
    if (open < 0) {
      target().push({ kind: "text", text: rest });
      break;
    }
    if (open > 0) target().push({ kind: "text", text: rest.slice(0, open) });
    const close = rest.indexOf("}}", open + 2);
    if (close < 0) throw bad(source, "unclosed action");
    let inner = rest.slice(open + 2, close);
    rest = rest.slice(close + 2);
    if (inner.startsWith("-")) {
      inner = inner.slice(1);
      trimLastText(target());
    }
    if (inner.endsWith("-")) {
      inner = inner.slice(0, -1);
      rest = rest.trimStart();
    }
    const tokens = tokenize(inner, source);
    const head = tokens[0];
    if (head?.kind === "ident" && (head.name === "if" || head.name === "range")) {
      const node: Extract<TemplateNode, { kind: "if" | "range" }> = {
        kind: head.name,
        pipeline: pipelineOf(tokens.slice(1)),
        body: [],
        otherwise: [],
      };
      target().push(node);
      stack.push({ node, inElse: false });
    } else if (head?.kind === "ident" && head.name === "else") {
      const top = stack[stack.length - 1];
      if (!top || top.inElse) throw bad(source, "unexpected {{else}}");
      top.inElse = true;
    } else if (head?.kind === "ident" && head.name === "end") {
      if (!stack.pop()) throw bad(source, "unexpected {{end}}");
    } else if (tokens.length === 0) {
      throw bad(source, "missing value for command");
    } else {
      target().push({ kind: "value", pipeline: pipelineOf(tokens) });
    }
  }
  if (stack.length > 0) throw bad(source, "unexpected EOF: missing {{end}}");
  return root;
}

function trimLastText(nodes: TemplateNode[]): void {
  const last = nodes[nodes.length - 1];
  if (last?.kind === "text") last.text = last.text.trimEnd();
}
