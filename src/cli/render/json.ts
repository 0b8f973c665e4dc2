/** Docker's inspect output: a JSON array indented by four spaces, ending in a newline. */
export function inspectJson(items: readonly unknown[]): string {
  return `${JSON.stringify(items, null, 4)}\n`;
}

/** The data fields of a row (methods dropped), keys sorted, as one JSON line. */
export function jsonLine(row: Readonly<Record<string, unknown>>): string {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(row).sort()) {
    const value = row[key];
    if (typeof value !== "function") data[key] = value;
  }
  return `${JSON.stringify(data)}\n`;
}
