import { describe, expect, it } from "vitest";
import { conmonArgv, parseSyncMessage } from "../../../../src/runtime/linux/conmon-shim.js";
import type { ShimCreateRequest } from "../../../../src/runtime/ports.js";

const request: ShimCreateRequest = {
  id: "c1",
  name: "web-1",
  bundle: "/root/containers/c1",
  pidFile: "/root/containers/c1/pidfile",
  shimPidFile: "/root/containers/c1/conmon.pid",
  logPath: "/root/containers/c1/ctr.log",
  logSizeMax: 1048576,
  exitDir: "/run/exits",
  socketDir: "/run/conmon",
};
const runtime = { path: "/usr/sbin/runc", args: ["--root", "/run/runc"] };

describe("conmon shim", () => {
  it("builds conmon's command line", () => {
    expect(conmonArgv({ runtime }, request)).toEqual([
      "conmon",
      "--api-version",
      "1",
      "-c",
      "c1",
      "-u",
      "c1",
      "-n",
      "web-1",
      "-r",
      "/usr/sbin/runc",
      "--runtime-arg",
      "--root",
      "--runtime-arg",
      "/run/runc",
      "-b",
      "/root/containers/c1",
      "-p",
      "/root/containers/c1/pidfile",
      "-P",
      "/root/containers/c1/conmon.pid",
      "-l",
      "k8s-file:/root/containers/c1/ctr.log",
      "--log-size-max",
      "1048576",
      "--exit-dir",
      "/run/exits",
      "--socket-dir-path",
      "/run/conmon",
    ]);
  });

  it.each([
    ['{"data": 123}', { pid: 123 }],
    ['{"data": -1, "message": "runc create failed"}\n', { pid: -1, message: "runc create failed" }],
    ["{", undefined],
    ['{"data": "x"}', undefined],
    ["", undefined],
  ])("parses the sync message %j", (text, parsed) => {
    expect(parseSyncMessage(text)).toEqual(parsed);
  });
});
