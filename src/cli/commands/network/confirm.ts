import type { CliContext } from "../../cli-context.js";

/**
 * Asks a yes/no question as Docker's CLI does: on a terminal through the prompt, otherwise the first
 * line of stdin answers (`echo y | berth network prune`); anything but y/yes means no.
 */
export async function confirm(context: CliContext, question: string): Promise<boolean> {
  let answer: string;
  if (context.stdinIsTTY === true && context.prompt !== undefined) {
    answer = await context.prompt(question);
  } else {
    context.stdout(question);
    answer = (await context.readStdin()).split(/\r?\n/)[0] ?? "";
  }
  return /^y(es)?$/i.test(answer.trim());
}
