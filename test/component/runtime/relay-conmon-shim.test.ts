import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

describe("relayConmonShim: conmon through the relay shell, its sync pipe a file", () => {
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
      readPidFile: readPid,
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

  it("resolves with the PID conmon reports once it reports it, and conmon's own PID", async () => {
    const created = await shimWith('{"data": 4242}').create(request());
    expect(created.pid).toBe(4242);
    expect(created.shimPid).toBeGreaterThan(0);
  });

  it("fails with conmon's message and output when it reports a failure", async () => {
    const failing = shimWith('{"data": -1, "message": "runc create failed: boom"}').create(request());
    await expect(failing).rejects.toThrow(/runc create failed: boom[\s\S]*fake conmon speaking/);
  });
});
