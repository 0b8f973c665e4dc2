import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeChildEngine } from "./child-engine.js";
import { lines, logsOf, type RuntimeEnv, runtimeEnv, waitForLine } from "./harness.js";

describe("runtime: containers outlive the process that made them", () => {
  let env: RuntimeEnv;
  let scratch = "";
  afterEach(async () => {
    await env?.finish();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("keeps running after its creator exits; a new runtime adopts it and learns its exit code", async () => {
    env = runtimeEnv();
    scratch = mkdtempSync(join(tmpdir(), "berth-child-"));
    const child = writeChildEngine(scratch);
    const spec = env.spec("orphan", [
      "sh",
      "-c",
      // the trap is set before "hello": a TERM sent on seeing "hello" must find it (PID 1 ignores TERM without one)
      "trap 'echo bye; exit 3' TERM; echo hello; while :; do sleep 0.1; done",
    ]);
    const request = { location: env.location, id: "orphan", spec, lowerDirs: [env.layer] };
    const out = execFileSync(process.execPath, [child, JSON.stringify(request)], { encoding: "utf8" });
    const { pid } = JSON.parse(out) as { pid: number };
    expect(pid).toBeGreaterThan(0);

    const rt = env.reopen();
    expect(await rt.state("orphan")).toEqual({ id: "orphan", status: "running", pid });
    expect(await waitForLine(rt, "orphan", "hello")).toBe(true);
    const adopted = await rt.adopt();
    expect(adopted).toEqual({
      containers: [{ id: "orphan", name: "orphan", status: "running", pid }],
      removed: [],
    });

    expect(await rt.stop("orphan", { graceMs: 30_000 })).toBe(3);
    expect(lines(await logsOf(rt, "orphan"), "stdout")).toEqual(["hello", "bye"]);
    const later = await env.reopen().adopt();
    expect(later.containers).toEqual([{ id: "orphan", name: "orphan", status: "exited", exitCode: 3 }]);
  });
});
