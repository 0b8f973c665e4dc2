/** Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org). */
export function useColor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env.NO_COLOR;
  return isTTY && (noColor === undefined || noColor === "");
}

/** Red text when `on`, plain otherwise. */
export function red(text: string, on: boolean): string {
  return on ? `\u001b[31m${text}\u001b[39m` : text;
}

/** Dim text when `on`, plain otherwise. */
export function dim(text: string, on: boolean): string {
  return on ? `\u001b[2m${text}\u001b[22m` : text;
}
