import { describe, expect, it } from "vitest";
import { SourceMap } from "../../../../src/compose/source-map.js";
import type { RawMap } from "../../../../src/compose/tree.js";
import { checkReferences } from "../../../../src/compose/validate/check-references.js";
import { realisticProject } from "./fixtures.js";
import { locate } from "./locate.js";

function problems(tree: RawMap): string[] {
  return checkReferences(tree, new SourceMap()).map((i) => `${i.path}: ${i.message}`);
}

describe("checkReferences", () => {
  it("finds nothing wrong in a realistic project", () => {
    const tree = realisticProject();
    expect(checkReferences(tree, locate(tree))).toEqual([]);
  });

  it.each([
    ["depends_on", { depends_on: ["zot"] }, "services.bar.depends_on[0]"],
    [
      "depends_on (map)",
      { depends_on: { zot: { condition: "service_started" } } },
      "services.bar.depends_on.zot",
    ],
    ["volumes_from", { volumes_from: ["zot"] }, "services.bar.volumes_from[0]"],
    ["volumes_from service:", { volumes_from: ["service:zot:ro"] }, "services.bar.volumes_from[0]"],
    ["ipc", { ipc: "service:zot" }, "services.bar.ipc"],
    ["pid", { pid: "service:zot" }, "services.bar.pid"],
    ["network_mode", { network_mode: "service:zot" }, "services.bar.network_mode"],
    ["links", { links: ["zot:db"] }, "services.bar.links[0]"],
  ])("reports a service named by %s that does not exist", (_name, attributes, path) => {
    expect(problems({ services: { bar: { image: "foo", ...attributes } } })).toEqual([
      `${path}: service "bar" depends on undefined service "zot"`,
    ]);
    expect(problems({ services: { bar: { image: "foo", ...attributes }, zot: { image: "x" } } })).toEqual([]);
  });

  it("accepts container references, optional dependencies and host modes", () => {
    const tree = {
      services: {
        bar: {
          volumes_from: ["container:legacy"],
          network_mode: "host",
          ipc: "shareable",
          depends_on: { gone: { condition: "service_started", required: false } },
        },
      },
    };
    expect(problems(tree)).toEqual([]);
  });

  it("reports networks, volumes, secrets, configs and models that are not declared", () => {
    const tree = {
      services: {
        web: {
          networks: ["default", "front", "back"],
          volumes: [
            "data:/data",
            "./src:/src",
            "/anon",
            "~/x:/x",
            { type: "volume", source: "logs", target: "/l" },
          ],
          secrets: ["key", { source: "cert" }],
          configs: ["conf"],
          models: { llm: null },
          build: { context: ".", secrets: ["npmrc"] },
          credential_spec: { config: "cred" },
        },
      },
      networks: { back: null },
      secrets: { key: { file: "k" } },
    };
    expect(problems(tree)).toEqual([
      'services.web.build.secrets[0]: service "web" refers to undefined secret "npmrc"',
      'services.web.configs[0]: service "web" refers to undefined config "conf"',
      'services.web.credential_spec.config: service "web" refers to undefined config "cred"',
      'services.web.models.llm: service "web" refers to undefined model "llm"',
      'services.web.networks[1]: service "web" refers to undefined network "front"',
      'services.web.secrets[1]: service "web" refers to undefined secret "cert"',
      'services.web.volumes[0]: service "web" refers to undefined volume "data"',
      'services.web.volumes[4]: service "web" refers to undefined volume "logs"',
    ]);
  });

  it("locates each reference in its file, sorted by position", () => {
    const tree = { services: { b: { depends_on: ["x"] }, a: { networks: { n: null } } } };
    expect(checkReferences(tree, locate(tree, "c.yaml"))).toEqual([
      {
        path: "services.b.depends_on[0]",
        file: "c.yaml",
        line: 4,
        column: 7,
        message: 'service "b" depends on undefined service "x"',
      },
      {
        path: "services.a.networks.n",
        file: "c.yaml",
        line: 7,
        column: 7,
        message: 'service "a" refers to undefined network "n"',
      },
    ]);
  });

  it("suggests a defined name close to the one referred to", () => {
    const tree = {
      services: { web: { depends_on: ["dbb"], networks: ["frnt"] }, db: {} },
      networks: { front: null },
    };
    expect(problems(tree)).toEqual([
      'services.web.depends_on[0]: service "web" depends on undefined service "dbb" (did you mean "db"?)',
      'services.web.networks[0]: service "web" refers to undefined network "frnt" (did you mean "front"?)',
    ]);
  });

  it("ignores shapes that validation reports", () => {
    expect(problems({ services: { web: { depends_on: 5, volumes: [3], networks: "x" } } })).toEqual([]);
    expect(checkReferences("not a project", new SourceMap())).toEqual([]);
  });
});
