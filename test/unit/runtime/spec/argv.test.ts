import { describe, expect, it } from "vitest";
import { type ImageArgv, resolveArgv, type ServiceArgv, toArgv } from "../../../../src/runtime/spec/argv.js";
import { ContainerSpecError } from "../../../../src/runtime/spec/errors.js";

// Docker's "Understand how CMD and ENTRYPOINT interact" table. Shell forms are written as the Dockerfile
// strings; the docs show the effective command, and where an exec CMD follows a shell ENTRYPOINT the real
// argv also carries the CMD words, which `sh -c` takes as $0… and ignores.
const entrypoints: { label: string; value: ImageArgv["entrypoint"] }[] = [
  { label: "No ENTRYPOINT", value: undefined },
  { label: "ENTRYPOINT exec_entry p1_entry", value: "exec_entry p1_entry" },
  { label: 'ENTRYPOINT ["exec_entry", "p1_entry"]', value: ["exec_entry", "p1_entry"] },
];
const cmds: { label: string; value: ImageArgv["cmd"] }[] = [
  { label: "No CMD", value: undefined },
  { label: 'CMD ["exec_cmd", "p1_cmd"]', value: ["exec_cmd", "p1_cmd"] },
  { label: 'CMD ["p1_cmd", "p2_cmd"]', value: ["p1_cmd", "p2_cmd"] },
  { label: "CMD exec_cmd p1_cmd", value: "exec_cmd p1_cmd" },
];
const sh = ["/bin/sh", "-c"];
// expected[cmd][entrypoint]; "error" = "no command specified".
const expected: (string[] | "error")[][] = [
  ["error", [...sh, "exec_entry p1_entry"], ["exec_entry", "p1_entry"]],
  [
    ["exec_cmd", "p1_cmd"],
    [...sh, "exec_entry p1_entry", "exec_cmd", "p1_cmd"],
    ["exec_entry", "p1_entry", "exec_cmd", "p1_cmd"],
  ],
  [
    ["p1_cmd", "p2_cmd"],
    [...sh, "exec_entry p1_entry", "p1_cmd", "p2_cmd"],
    ["exec_entry", "p1_entry", "p1_cmd", "p2_cmd"],
  ],
  [
    [...sh, "exec_cmd p1_cmd"],
    [...sh, "exec_entry p1_entry", ...sh, "exec_cmd p1_cmd"],
    ["exec_entry", "p1_entry", ...sh, "exec_cmd p1_cmd"],
  ],
];

describe("resolveArgv: Docker's CMD × ENTRYPOINT table (image only)", () => {
  cmds.forEach((cmd, row) => {
    entrypoints.forEach((entrypoint, column) => {
      const want = expected[row]?.[column];
      it(`${cmd.label} × ${entrypoint.label}`, () => {
        const image = { entrypoint: entrypoint.value, cmd: cmd.value };
        if (want === "error") expect(() => resolveArgv(image, {})).toThrow(ContainerSpecError);
        else expect(resolveArgv(image, {})).toEqual(want);
      });
    });
  });
});

const image: ImageArgv = { entrypoint: ["/entry.sh"], cmd: ["serve", "--port", "80"] };
const overrides: { name: string; service: ServiceArgv; want: string[] | "error" }[] = [
  { name: "no overrides keep both", service: {}, want: ["/entry.sh", "serve", "--port", "80"] },
  {
    name: "null overrides keep both",
    service: { entrypoint: null, command: null },
    want: ["/entry.sh", "serve", "--port", "80"],
  },
  { name: "command replaces cmd only", service: { command: ["migrate"] }, want: ["/entry.sh", "migrate"] },
  {
    name: "shell-form command",
    service: { command: "echo $HOME" },
    want: ["/entry.sh", "/bin/sh", "-c", "echo $HOME"],
  },
  { name: "empty command list resets cmd", service: { command: [] }, want: ["/entry.sh"] },
  { name: "empty command string resets cmd", service: { command: "" }, want: ["/entry.sh"] },
  {
    name: "entrypoint replaces entrypoint and clears image cmd",
    service: { entrypoint: ["/bin/true"] },
    want: ["/bin/true"],
  },
  { name: "shell-form entrypoint", service: { entrypoint: "exec app" }, want: ["/bin/sh", "-c", "exec app"] },
  {
    name: "entrypoint and command",
    service: { entrypoint: ["env"], command: ["ls", "/"] },
    want: ["env", "ls", "/"],
  },
  {
    name: "empty entrypoint list with command",
    service: { entrypoint: [], command: ["sleep", "1"] },
    want: ["sleep", "1"],
  },
  {
    name: 'empty entrypoint "" with command',
    service: { entrypoint: "", command: "sleep 1" },
    want: ["/bin/sh", "-c", "sleep 1"],
  },
  { name: "empty entrypoint alone is an error", service: { entrypoint: [] }, want: "error" },
  {
    name: "empty entrypoint and command is an error",
    service: { entrypoint: "", command: [] },
    want: "error",
  },
];

describe("resolveArgv: service overrides", () => {
  for (const c of overrides) {
    it(c.name, () => {
      if (c.want === "error") expect(() => resolveArgv(image, c.service)).toThrow(/no command specified/);
      else expect(resolveArgv(image, c.service)).toEqual(c.want);
    });
  }

  it("an argv starting with an empty string is an error", () => {
    expect(() => resolveArgv({ cmd: [""] }, {})).toThrow(ContainerSpecError);
  });

  it("returns a copy, never the input array", () => {
    const cmd = ["a"];
    const argv = resolveArgv({ cmd }, {});
    argv.push("b");
    expect(cmd).toEqual(["a"]);
    expect(toArgv(cmd)).not.toBe(cmd);
  });
});
