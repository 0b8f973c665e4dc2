import { BerthError } from "../shared/errors.js";
import type { CliContext } from "./cli-context.js";
import { dim, red } from "./color.js";
import { exitRuleFor } from "./exit-codes.js";

/** How an error is shown. */
export interface ErrorView {
  debug: boolean;
  color: boolean;
}

/** The stderr text and exit status for an error that ended a command. */
export async function renderError(
  error: unknown,
  view: ErrorView,
  context: Pick<CliContext, "issueTools" | "readTextFile">,
): Promise<{ text: string; status: number }> {
  const code = error instanceof BerthError ? error.code : "INTERNAL";
  const rule = exitRuleFor(code);
  const lines: string[] = [];
  const issues =
    error instanceof BerthError && code === "COMPOSE_INVALID"
      ? await composeText(error, view, context)
      : undefined;
  if (issues !== undefined) lines.push(issues.trimEnd());
  else lines.push(`${red("error:", view.color)} ${messageOf(error)}`);
  if (rule.hint !== "") lines.push(dim(`hint: ${rule.hint}`, view.color));
  if (view.debug) lines.push(...stackLines(error));
  return { text: `${lines.join("\n")}\n`, status: rule.status };
}

async function composeText(
  error: BerthError,
  view: ErrorView,
  context: Pick<CliContext, "issueTools" | "readTextFile">,
): Promise<string | undefined> {
  try {
    const tools = await context.issueTools();
    const issues = tools.issuesOf(error);
    if (issues === undefined || issues.length === 0) return undefined;
    return tools.render(issues, { readSource: (file) => context.readTextFile(file), color: view.color });
  } catch {
    // The renderer is optional polish: fall back to the error's own one-line-per-issue message.
    return undefined;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function stackLines(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    const stack = current instanceof Error ? (current.stack ?? current.message) : String(current);
    out.push(depth === 0 ? stack : `caused by: ${stack}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return out;
}
