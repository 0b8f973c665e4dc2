/** Lays out rows as Docker's tabwriter does: each column as wide as its widest cell plus 3, at least 10. */
export function renderTable(rows: readonly (readonly string[])[], minWidth = 10): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      if (index === row.length - 1) return;
      widths[index] = Math.max(widths[index] ?? 0, Math.max(width(cell) + 3, minWidth));
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, index) => (index === row.length - 1 ? cell : pad(cell, widths[index] ?? 0)))
        .join("")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}

/** Splits tab-separated lines (a rendered `table` template) into rows and lays them out. */
export function renderTabbed(lines: readonly string[]): string {
  return renderTable(lines.map((line) => line.split("\t")));
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number): string {
  return text + " ".repeat(Math.max(0, to - width(text)));
}

/** Shortens text to `max` characters, ending in "…" when cut (Docker's Ellipsis). */
export function ellipsis(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 1) return chars.slice(0, max).join("");
  return `${chars.slice(0, max - 1).join("")}…`;
}
