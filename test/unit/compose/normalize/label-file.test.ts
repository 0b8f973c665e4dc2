// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose templates are written literally here
import { describe, expect, it } from "vitest";
import { composeIssuesOf as issuesOf, normalizeYaml } from "./helpers.js";

// compose-go's TestLoadWithLabelFile fixtures (loader/example1.label, example2.label), restated.
const example1 = [
  "# passed through",
  "FOO=foo_from_label_file",
  "LABEL.WITH.DOT=ok",
  "LABEL_WITH_UNDERSCORE=ok",
  "",
  "# overridden in example2.label",
  "BAR=bar_from_label_file",
  "",
  "# overridden in full-example.yml",
  "BAZ=baz_from_label_file",
  "",
].join("\n");
const example2 =
  "BAR=bar_from_label_file_2\n\n# overridden in configDetails.Labels\nQUX=quz_from_label_file_2\n";
const files = { "/proj/example1.label": example1, "/proj/example2.label": example2 };

describe("label_file", () => {
  it("folds one file (string form) into labels and keeps the resolved path", () => {
    const service = normalizeYaml("services:\n  s1:\n    image: x\n    label_file: ./example1.label\n", {
      files,
    }).services.s1;
    expect(service?.labels).toEqual({
      BAR: "bar_from_label_file",
      BAZ: "baz_from_label_file",
      FOO: "foo_from_label_file",
      "LABEL.WITH.DOT": "ok",
      LABEL_WITH_UNDERSCORE: "ok",
    });
    expect(service?.label_file).toEqual(["/proj/example1.label"]);
  });

  it("lets a later file win over an earlier one, and explicit labels win over every file", () => {
    const service = normalizeYaml(
      `services:
  s:
    image: x
    label_file: [example1.label, example2.label]
    labels: [BAZ=from_yaml, OWN=1]
`,
      { files },
    ).services.s;
    expect(service?.labels).toEqual({
      BAR: "bar_from_label_file_2",
      BAZ: "from_yaml",
      FOO: "foo_from_label_file",
      "LABEL.WITH.DOT": "ok",
      LABEL_WITH_UNDERSCORE: "ok",
      OWN: "1",
      QUX: "quz_from_label_file_2",
    });
  });

  it("reads the .env line format: quotes removed, comments, export", () => {
    const service = normalizeYaml("services:\n  s:\n    image: x\n    label_file: l\n", {
      files: { "/proj/l": "export A='single # kept'\nB=\"dq\\nline\"\nC=plain # comment\n" },
    }).services.s;
    expect(service?.labels).toEqual({ A: "single # kept", B: "dq\nline", C: "plain" });
  });

  it("expands ${VAR} from earlier files and the file's own keys, never from the project environment", () => {
    const service = normalizeYaml("services:\n  s:\n    image: x\n    label_file: [a, b]\n", {
      env: { HOME_VAR: "from-env", FIRST: "env-first" },
      files: {
        "/proj/a": "FIRST=a\n",
        "/proj/b": "OWN=o\nREF=${FIRST}-${OWN}-${HOME_VAR}\nFIRST\n",
      },
    }).services.s;
    expect(service?.labels).toEqual({ FIRST: "a", OWN: "o", REF: "a-o-" });
  });

  it("does not add labels when the files are empty", () => {
    const service = normalizeYaml("services:\n  s:\n    image: x\n    label_file: [e]\n", {
      files: { "/proj/e": "# nothing\n" },
    }).services.s;
    expect(service?.labels).toBeUndefined();
  });

  it("resolves the file against the project directory even with path resolution off", () => {
    const service = normalizeYaml("services:\n  s:\n    image: x\n    label_file: example2.label\n", {
      files,
      resolvePaths: false,
    }).services.s;
    expect(service?.label_file).toEqual(["example2.label"]);
    expect(service?.labels).toMatchObject({ QUX: "quz_from_label_file_2" });
  });

  it("reports a missing file with its absolute path under the service", () => {
    expect(
      issuesOf(() =>
        normalizeYaml("services:\n  web:\n    image: x\n    label_file: [example1.label, nope]\n", { files }),
      ),
    ).toEqual([{ path: "services.web.label_file[1]", message: "label file /proj/nope not found" }]);
  });

  it("reports a malformed file with the file and line", () => {
    const issues = issuesOf(() =>
      normalizeYaml("services:\n  web:\n    image: x\n    label_file: bad\n", {
        files: { "/proj/bad": "OK=1\nA B=2\n" },
      }),
    );
    expect(issues).toEqual([
      {
        path: "services.web.label_file[0]",
        message: "failed to read label file /proj/bad: /proj/bad:2: key cannot contain a space",
      },
    ]);
  });
});
