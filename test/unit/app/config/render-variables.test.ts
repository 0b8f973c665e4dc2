import { describe, expect, it } from "vitest";
import type { ModelVariable } from "../../../../src/app/config/model-variables.js";
import { renderVariables, tabulate } from "../../../../src/app/config/render-variables.js";

const port: ModelVariable = { name: "PORT", defaultValue: "8080", presenceValue: "", required: false };
const variables = new Map<string, ModelVariable>([
  ["TAG", { name: "TAG", defaultValue: "", presenceValue: "latest-with-a-long-name", required: true }],
  ["PORT", port],
]);

describe("renderVariables", () => {
  it("json: Go's 4-space encoder, keys sorted, HTML not escaped (docker compose's TestLocalComposeConfig)", () => {
    expect(renderVariables(new Map([["PORT", port]]), "json")).toBe(
      '{\n    "PORT": {\n        "Name": "PORT",\n        "DefaultValue": "8080",\n        "PresenceValue": "",\n        "Required": false\n    }\n}\n\n',
    );
    const html = new Map([["A", { ...port, name: "A", defaultValue: "<a&b>\u2028" }]]);
    expect(renderVariables(html, "json")).toContain('"DefaultValue": "<a&b>\\u2028"');
    expect(renderVariables(new Map(), "json")).toBe("{}\n\n");
  });

  it("yaml: lower-cased field names, 4-space indent, numbers-as-text quoted", () => {
    expect(renderVariables(new Map([["PORT", port]]), "yaml")).toBe(
      'PORT:\n    name: PORT\n    defaultvalue: "8080"\n    presencevalue: ""\n    required: false\n',
    );
  });

  it("table: NAME, REQUIRED, DEFAULT VALUE, ALTERNATE VALUE, rows sorted by name", () => {
    expect(renderVariables(variables, "table")).toBe(
      [
        "NAME                REQUIRED            DEFAULT VALUE       ALTERNATE VALUE",
        "PORT                false               8080                ",
        "TAG                 true                                    latest-with-a-long-name",
        "",
      ].join("\n"),
    );
  });
});

describe("tabulate (Go tabwriter: min width 20, padding 3)", () => {
  it("widens a column to its widest cell plus 3, counting characters not bytes", () => {
    expect(
      tabulate([
        ["A", "B"],
        ["a-very-long-cell-value-é", "x"],
      ]),
    ).toBe(`A${" ".repeat(26)}B\na-very-long-cell-value-é   x\n`);
  });
});
