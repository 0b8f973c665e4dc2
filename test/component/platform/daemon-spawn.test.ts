import { mkdtempSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { spawnDaemon, terminateProcess } from "../../../src/platform/daemon-spawn.js";

// spawnDaemon on a real process: its own session, output to the log file, and `/` as its directory.

let dir: string;
let pid: number | undefined;
afterEach(() => {
  if (pid !== undefined) terminateProcess(pid);
  pid = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe("spawnDaemon", () => {
  it("runs in / in a session of its own, with stdout and stderr in the log file", async () => {
    dir = mkdtempSync(join(tmpdir(), "berth-daemon-"));
    const logFile = join(dir, "log", "daemon.log");
    pid = spawnDaemon({
      argv: ["/bin/sh", "-c", "echo out; echo err >&2; exec sleep 60"],
      logFile,
      env: { PATH: "/usr/bin:/bin" },
    });
    const started = pid;
    await vi.waitFor(() => expect(readFileSync(logFile, "utf8")).toBe("out\nerr\n"), { timeout: 30_000 });
    expect(readlinkSync(`/proc/${started}/cwd`)).toBe("/");
    const stat = readFileSync(`/proc/${started}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    expect(Number(fields[3])).toBe(started); // session id: it leads its own session
  });

  it("runs in the directory it is given", async () => {
    dir = mkdtempSync(join(tmpdir(), "berth-daemon-"));
    pid = spawnDaemon({ argv: ["/bin/sleep", "60"], logFile: join(dir, "d.log"), cwd: dir });
    expect(readlinkSync(`/proc/${pid}/cwd`)).toBe(dir);
  });
});
