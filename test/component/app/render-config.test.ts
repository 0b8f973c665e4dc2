import { describe, expect, it } from "vitest";
import { orderProject } from "../../../src/app/config/order-model.js";
import { renderJson, renderYaml } from "../../../src/app/config/render-model.js";
import { compareYamlKeys } from "../../../src/app/config/yaml-key-order.js";

const project = {
  services: {
    web: {
      "x-note": "kept in yaml",
      ports: [{ protocol: "tcp", published: "8080", target: 80, mode: "ingress" }],
      image: "nginx",
      environment: { B: "1", A: "a<b", FLAG: "yes" },
      networks: { default: null },
      command: ["sh", "-c", "echo one\necho two"],
    },
  },
  networks: { default: { name: "demo_default" } },
  name: "demo",
  "x-top": { z: 1, a: 2 },
};

describe("config rendering", () => {
  it("prints YAML in docker compose's order and layout", () => {
    expect(renderYaml(orderProject(project, "yaml"))).toBe(
      [
        "name: demo",
        "services:",
        "  web:",
        "    command:",
        "      - sh",
        "      - -c",
        "      - |-",
        "        echo one",
        "        echo two",
        "    environment:",
        "      A: a<b",
        '      B: "1"',
        '      FLAG: "yes"',
        "    image: nginx",
        "    networks:",
        "      default: null",
        "    ports:",
        "      - mode: ingress",
        "        target: 80",
        '        published: "8080"',
        "        protocol: tcp",
        "    x-note: kept in yaml",
        "networks:",
        "  default:",
        "    name: demo_default",
        "x-top:",
        "  a: 2",
        "  z: 1",
        "",
      ].join("\n"),
    );
  });

  it("prints JSON like Go: sorted top level, struct order inside, nested extensions dropped", () => {
    const text = renderJson(orderProject(project, "json"));
    expect(text.startsWith('{\n  "name": "demo",\n  "networks": {')).toBe(true);
    expect(text).toContain('"A": "a\\u003cb"');
    expect(text).toContain(
      '{\n          "mode": "ingress",\n          "target": 80,\n          "published": "8080"',
    );
    expect(text).not.toContain("x-note");
    expect(text).toContain('"x-top"');
    expect(text.endsWith("}")).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ name: "demo", services: { web: { image: "nginx" } } });
  });

  it("keeps integer-like map keys in sorted order", () => {
    const text = renderYaml(
      orderProject({ name: "n", services: { s: { labels: { b: "1", "10": "x", "9": "y" } } } }, "yaml"),
    );
    expect(text).toContain('labels:\n      "9": "y"\n      "10": x\n      b: "1"');
  });
});

describe("YAML key order", () => {
  const sorted = (keys: string[]) => [...keys].sort(compareYamlKeys);

  it("compares digit runs by value", () => {
    expect(sorted(["a10", "a9", "a100"])).toEqual(["a9", "a10", "a100"]);
  });

  it("puts a non-letter before a letter, unless it follows a digit", () => {
    expect(sorted(["ab", "a_b", "a-b"])).toEqual(["a-b", "a_b", "ab"]);
    expect(sorted(["1_", "1a"])).toEqual(["1a", "1_"]);
  });

  it("orders letters by code point and prefixes first", () => {
    expect(sorted(["b", "B", "a", "ab"])).toEqual(["B", "a", "ab", "b"]);
  });
});
