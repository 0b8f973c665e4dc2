import { describe, expect, it } from "vitest";
import { RuntimeCommandError } from "../../../../src/runtime/errors.js";
import { conmonArgv, conmonShim, parseSyncMessage } from "../../../../src/runtime/linux/conmon-shim.js";
import type { ShimCreateRequest } from "../../../../src/runtime/ports.js";
import type {
  DetachedChild,
  DetachedSpawner,
  DetachedSpawnRequest,
} from "../../../../src/shared/spawn-ports.js";

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

/** A spawner whose child answers `answer` on fd 3 once it got a byte on fd 4. */
function fakeSpawner(answer: string) {
  const events: string[] = [];
  let spawned: DetachedSpawnRequest | undefined;
  const spawner: DetachedSpawner = {
    spawn: async (req) => {
      spawned = req;
      let started = false;
      const child: DetachedChild = {
        pid: 77,
        writeFd4: async (data) => {
          events.push(`fd4 ${data}`);
          started = true;
        },
        readFd3: async (done) => {
          events.push("fd3 read");
          if (!started) throw new Error("read before start");
          expect(done(answer)).toBe(parseSyncMessage(answer) !== undefined);
          return answer;
        },
        release: () => events.push("release"),
      };
      return child;
    },
  };
  return { spawner, events, spawned: () => spawned };
}

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

  it("spawns with the pipe env, writes the start byte, reads the pid, releases", async () => {
    const f = fakeSpawner('{"data": 4242}\n');
    const shim = conmonShim({
      spawner: f.spawner,
      runtime,
      readPidFile: async (p) => (p === request.shimPidFile ? 99 : undefined),
      readOutput: async () => "",
    });
    expect(await shim.create(request)).toEqual({ pid: 4242, shimPid: 99 });
    expect(f.events).toEqual(["fd4 0", "fd3 read", "release"]);
    expect(f.spawned()?.env).toMatchObject({ _OCI_SYNCPIPE: "3", _OCI_STARTPIPE: "4" });
    expect(f.spawned()?.cwd).toBe(request.bundle);
    expect(f.spawned()?.outputFile).toBe("/root/containers/c1/conmon.out");
  });

  it("turns a failure answer into RuntimeCommandError with conmon's output", async () => {
    const f = fakeSpawner('{"data": -1, "message": "bad bundle"}');
    const shim = conmonShim({
      spawner: f.spawner,
      runtime,
      readPidFile: async () => undefined,
      readOutput: async () => "[conmon:e]: oops",
    });
    const error = await shim.create(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeCommandError);
    expect((error as RuntimeCommandError).stderrTail).toBe("bad bundle\n[conmon:e]: oops");
    expect(f.events.at(-1)).toBe("release");
  });
});
