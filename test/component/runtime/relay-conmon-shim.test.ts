import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nodeClock } from "../../../src/platform/node-clock.js";
import { nodeStreamingRunner } from "../../../src/platform/streaming-runner.js";
import { readPid } from "../../../src/runtime/fs-util.js";
import { relayConmonShim } from "../../../src/runtime/linux/relay-conmon-shim.js";
import { relayRunner } from "../../../src/runtime/linux/relay-runner.js";
import type { ShimCreateRequest } from "../../../src/runtime/ports.js";

// A stand-in for conmon: writes its PID file (-P), exits at once, and answers on fd 3 from a
// background child a moment later, as conmon's daemonized half does once `runc create` is done.
const fakeConmon = (answer: string) => `#!/bin/sh
while [ $# -gt 0 ]; do case "$1" in -P) pidfile=$2; shift;; esac; shift; done
echo $$ > "$pidfile"
echo "fake conmon speaking"
( sleep 0.05; printf '%s' '${answer}' >&3 ) &
exit 0
`;

describe("relayConmonShim: conmon through the relay shell, which reads its sync pipe", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "berth-relay-conmon-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function shimWith(answer: string) {
    const binary = join(dir, "conmon");
    writeFileSync(binary, fakeConmon(answer));
    chmodSync(binary, 0o755);
    const runner = relayRunner({
      streamer: nodeStreamingRunner(),
      fallback: { run: async () => ({ exitCode: 1, stdout: "", stderr: "no fallback here" }) },
      clock: nodeClock(),
      dir: join(dir, "relay"),
      idleMs: 10,
    });
    return relayConmonShim({
      runner,
      runtime: { path: "/usr/sbin/runc", args: [] },
      binary,
    });
  }

  const request = (): ShimCreateRequest => ({
    id: "c1",
    name: "c1",
    bundle: dir,
    pidFile: join(dir, "pidfile"),
    shimPidFile: join(dir, "conmon.pid"),
    logPath: join(dir, "ctr.log"),
    logSizeMax: 1024,
    exitDir: join(dir, "exits"),
    socketDir: join(dir, "sockets"),
  });

  it("resolves with the PID conmon reports once it reports it; conmon's own PID is in its -P file", async () => {
    const created = await shimWith('{"data": 4242}').create(request());
    expect(created).toEqual({ pid: 4242 });
    expect(await readPid(join(dir, "conmon.pid"))).toBeGreaterThan(0);
  });

  it("fails with conmon's message and output when it reports a failure", async () => {
    const failing = shimWith('{"data": -1, "message": "runc create failed: boom"}').create(request());
    await expect(failing).rejects.toThrow(/runc create failed: boom[\s\S]*fake conmon speaking/);
  });

  it("fails with conmon's output when it exits without an answer", async () => {
    const binary = join(dir, "conmon");
    writeFileSync(binary, "#!/bin/sh\necho 'conmon: bad option' >&2\nexit 1\n");
    chmodSync(binary, 0o755);
    const shim = relayConmonShim({
      runner: relayRunner({
        streamer: nodeStreamingRunner(),
        fallback: { run: async () => ({ exitCode: 1, stdout: "", stderr: "no fallback here" }) },
        clock: nodeClock(),
        dir: join(dir, "relay"),
        idleMs: 10,
      }),
      runtime: { path: "/usr/sbin/runc", args: [] },
      binary,
    });
    await expect(shim.create(request())).rejects.toThrow(/conmon gave no answer[\s\S]*conmon: bad option/);
  });

  it("hands conmon only PATH and _OCI_SYNCPIPE from the environment", async () => {
    process.env.BERTH_SHIM_TEST_LEAK = "leaked";
    try {
      const binary = join(dir, "conmon");
      writeFileSync(
        binary,
        `#!/bin/sh\nwhile [ $# -gt 0 ]; do case "$1" in -P) pidfile=$2; shift;; esac; shift; done\necho $$ > "$pidfile"\nenv | sort > ${join(dir, "env.txt")}\necho '{"data": 7}' >&3\n`,
      );
      chmodSync(binary, 0o755);
      const shim = relayConmonShim({
        runner: relayRunner({
          streamer: nodeStreamingRunner(),
          fallback: { run: async () => ({ exitCode: 1, stdout: "", stderr: "" }) },
          clock: nodeClock(),
          dir: join(dir, "relay"),
          idleMs: 10,
        }),
        runtime: { path: "/usr/sbin/runc", args: [] },
        binary,
      });
      expect((await shim.create(request())).pid).toBe(7);
      const names = readFileSync(join(dir, "env.txt"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => line.split("=")[0]);
      expect(names.filter((n) => n !== "PWD" && n !== "SHLVL" && n !== "_")).toEqual([
        "PATH",
        "_OCI_SYNCPIPE",
      ]);
    } finally {
      delete process.env.BERTH_SHIM_TEST_LEAK;
    }
  });
});
