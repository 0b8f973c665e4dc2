import { jsonLine } from "./json.js";
import { renderTabbed } from "./table.js";
import { compileTemplate, splitFormat } from "./template.js";

/** How a list command prints its rows: the default table, and the header of each field. */
export interface ListLayout {
  /** The default `table …` template (fields separated by `\t`). */
  defaultTable: string;
  /** Column titles by field name (`ID` → `CONTAINER ID`). */
  headers: Readonly<Record<string, string>>;
}

/** Renders rows for `--format` as Docker does: table (default), `table TEMPLATE`, `json`, or a template per row. */
export function formatList(
  rows: readonly Readonly<Record<string, unknown>>[],
  format: string | undefined,
  layout: ListLayout,
): string {
  const chosen = format === undefined || format.trim() === "" ? "table" : format;
  if (chosen.trim() === "json") return rows.map(jsonLine).join("");
  const { table, body } = splitFormat(chosen);
  const source = table && body === "" ? splitFormat(layout.defaultTable).body : body;
  const template = compileTemplate(source);
  const lines = rows.map((row) => template.render(row));
  if (!table) return lines.map((line) => `${line}\n`).join("");
  const header = template.render(headerRow(layout.headers));
  return renderTabbed([header, ...lines]);
}

function headerRow(headers: Readonly<Record<string, string>>): Record<string, unknown> {
  const row: Record<string, unknown> = { ...headers };
  // Methods such as .Label "k" print their own name as the header, as Docker's do.
  row.Label = (key: unknown) => `LABEL ${String(key).toUpperCase()}`;
  return row;
}
