/** One variable the compose model refers to, as `docker compose config --variables` reports it. */
export interface ModelVariable {
  name: string;
  /** The `:-`/`-` default (empty when none). */
  defaultValue: string;
  /** The `:+`/`+` alternate value (empty when none). */
  presenceValue: string;
  /** `:?`/`?`: the variable must be set. */
  required: boolean;
}

// compose-go's template pattern: `$$`, `$name`, `${name[op…]}` (greedy to the line's last `}`), or a
// bare `${`. Go's `.` stops at `\n` only, hence `[^\n]`.
const pattern = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?][^\n]*)?)\}|()))/gi;

/**
 * Every variable referred to by a string value anywhere in the (uninterpolated) model, keyed by name;
 * a later mention replaces an earlier one. Mapping keys are not scanned, as in compose-go's
 * `template.ExtractVariables`; defaults and alternate values are scanned for nested variables.
 */
export function extractModelVariables(model: unknown): Map<string, ModelVariable> {
  const found = new Map<string, ModelVariable>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      for (const variable of variablesIn(value)) found.set(variable.name, variable);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (typeof value === "object" && value !== null) {
      for (const item of Object.values(value)) visit(item);
    }
  };
  visit(model);
  return found;
}

/** The variables of one string, in the order compose-go lists them. */
export function variablesIn(text: string): ModelVariable[] {
  const out: ModelVariable[] = [];
  for (const match of text.matchAll(pattern)) {
    if (match[1] !== undefined) continue;
    let body = match[2] ?? match[3] ?? "";
    if (match[2] === undefined) {
      const whole = match[0];
      const close = firstClosingBrace(whole);
      if (close > 0) {
        body = whole.slice(2, close);
        // The greedy match may run past this variable's `}`: what follows is scanned on its own.
        out.push(...variablesIn(whole.slice(close + 1)));
      }
    }
    const variable = describe(body);
    out.push(variable);
    if (variable.defaultValue !== "") out.push(...variablesIn(variable.defaultValue));
    if (variable.presenceValue !== "") out.push(...variablesIn(variable.presenceValue));
  }
  return out;
}

/** `name[op rest]` → the variable, as compose-go reads the text after the name. */
function describe(body: string): ModelVariable {
  const at = body.search(/[^A-Za-z0-9_]/);
  const variable: ModelVariable = { name: body, defaultValue: "", presenceValue: "", required: false };
  if (at <= 0) return variable;
  variable.name = body.slice(0, at);
  const rest = body.slice(at);
  if (rest.startsWith(":?") || rest.startsWith("?")) variable.required = true;
  else if (rest.startsWith(":-")) variable.defaultValue = rest.slice(2);
  else if (rest.startsWith("-")) variable.defaultValue = rest.slice(1);
  else if (rest.startsWith(":+")) variable.presenceValue = rest.slice(2);
  else if (rest.startsWith("+")) variable.presenceValue = rest.slice(1);
  return variable;
}

/** Index of the `}` that closes the `${` at the start, counting nested `{` (the char after one is skipped). */
function firstClosingBrace(text: string): number {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "}") {
      open--;
      if (open === 0) return i;
    }
    if (text[i] === "{") {
      open++;
      i++;
    }
  }
  return -1;
}
