import type { ModelVariable } from "./model-variables.js";
import { OrderedMap } from "./ordered.js";
import { renderYaml } from "./render-model.js";
import { compareYamlKeys } from "./yaml-key-order.js";

/** Output formats of `config --variables`: a table unless `--format` says otherwise. */
export type VariablesFormat = "table" | "json" | "yaml";

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `config --variables` output, in Docker Compose's shapes (the table's rows sorted by name). */
export function renderVariables(
  variables: ReadonlyMap<string, ModelVariable>,
  format: VariablesFormat,
): string {
  const all = [...variables.values()];
  if (format === "json") return renderJson(all.sort((a, b) => byCodeUnit(a.name, b.name)));
  if (format === "yaml") return renderYamlVariables(all.sort((a, b) => compareYamlKeys(a.name, b.name)));
  const rows = all
    .sort((a, b) => byCodeUnit(a.name, b.name))
    .map((v) => [v.name, String(v.required), v.defaultValue, v.presenceValue]);
  return tabulate([["NAME", "REQUIRED", "DEFAULT VALUE", "ALTERNATE VALUE"], ...rows]);
}

/**
 * Go's `tabwriter` as compose sets it up (min width 20, padding 3, spaces): every column but the last
 * is as wide as its widest cell plus 3, at least 20; the last cell is written as is.
 */
export function tabulate(rows: readonly (readonly string[])[]): string {
  const width = (text: string): number => [...text].length;
  const columns = Math.max(0, ...rows.map((row) => row.length - 1));
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) {
    widths.push(Math.max(20, ...rows.map((row) => width(row[c] ?? "") + 3)));
  }
  return rows
    .map((row) =>
      row
        .map((cell, c) => (c < row.length - 1 ? cell + " ".repeat((widths[c] ?? 0) - width(cell)) : cell))
        .join(""),
    )
    .map((line) => `${line}\n`)
    .join("");
}

// Go's encoder with SetEscapeHTML(false) and 4-space indent, then the newline `Println` adds.
function renderJson(variables: readonly ModelVariable[]): string {
  if (variables.length === 0) return "{}\n\n";
  const entries = variables.map((v) =>
    [
      `    ${goJsonString(v.name)}: {`,
      `        "Name": ${goJsonString(v.name)},`,
      `        "DefaultValue": ${goJsonString(v.defaultValue)},`,
      `        "PresenceValue": ${goJsonString(v.presenceValue)},`,
      `        "Required": ${v.required}`,
      "    }",
    ].join("\n"),
  );
  return `{\n${entries.join(",\n")}\n}\n\n`;
}

/** A JSON string as Go writes it without HTML escaping (U+2028 and U+2029 are still escaped). */
function goJsonString(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

// go-yaml marshals the struct with its field names lower-cased, indented by 4.
function renderYamlVariables(variables: readonly ModelVariable[]): string {
  const map = new OrderedMap(
    variables.map(
      (v) =>
        [
          v.name,
          new OrderedMap([
            ["name", v.name],
            ["defaultvalue", v.defaultValue],
            ["presencevalue", v.presenceValue],
            ["required", v.required],
          ]),
        ] as const,
    ),
  );
  return renderYaml(map, 4);
}
