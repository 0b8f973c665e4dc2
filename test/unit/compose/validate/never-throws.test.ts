import fc from "fast-check";
import { describe, it } from "vitest";
import { SourceMap } from "../../../../src/compose/source-map.js";
import type { RawValue } from "../../../../src/compose/tree.js";
import { checkReferences } from "../../../../src/compose/validate/check-references.js";
import { validateProject } from "../../../../src/compose/validate/validate-project.js";

const KEYS = [
  "services",
  "networks",
  "volumes",
  "secrets",
  "configs",
  "models",
  "include",
  "image",
  "build",
  "ports",
  "volumes_from",
  "depends_on",
  "deploy",
  "resources",
  "limits",
  "healthcheck",
  "test",
  "ulimits",
  "condition",
  "source",
  "target",
  "type",
  "x-ext",
  "web",
  "db",
  "default",
  "external",
  "name",
  "__proto__",
];

const { tree } = fc.letrec<{ tree: RawValue }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.oneof(fc.string(), fc.constantFrom("service:web", "container:x", "data:/data", "1m30s", "512m")),
    fc.array(tie("tree"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), tie("tree"), { maxKeys: 5 }),
  ),
}));

describe("validation of arbitrary trees", () => {
  it("never throws, and always returns issues with a message", () => {
    fc.assert(
      fc.property(tree, (value) => {
        const issues = [
          ...validateProject(value, new SourceMap()),
          ...checkReferences(value, new SourceMap()),
        ];
        return issues.every((issue) => typeof issue.message === "string" && issue.message !== "");
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on service-shaped trees", () => {
    const serviceTree = fc.dictionary(fc.constantFrom(...KEYS), tree, { maxKeys: 6 });
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("web", "db", "x-y"), serviceTree, { maxKeys: 3 }),
        (services) => {
          const project = { services, volumes: { data: null } } as RawValue;
          validateProject(project, new SourceMap());
          checkReferences(project, new SourceMap());
        },
      ),
      { numRuns: 300 },
    );
  });
});
