import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runtimeLayout } from "../../../src/runtime/layout.js";
import { cgroupFile, lines, logsOf, type RuntimeEnv, runtimeEnv } from "./harness.js";

describe("runtime: cgroup limits", () => {
  let env: RuntimeEnv;
  afterEach(async () => {
    await env?.finish();
  });

  it("applies a memory limit (read back) and OOM-kills past it with 137", async () => {
    env = runtimeEnv();
    const limit = 32 * 1024 * 1024;
    // sh exits with the status of the pipeline's last command: the OOM-killed `tail`
    await env.run("mem", ["sh", "-c", "sleep 1; head -c 200m /dev/zero | tail"], {
      resources: { memoryBytes: limit, memorySwapBytes: limit },
    });
    expect(cgroupFile(env, "memory", "mem", "memory.limit_in_bytes")).toBe(String(limit));
    expect(await env.rt.waitExit("mem")).toBe(137);
    const oom = /oom_kill (\d+)/.exec(cgroupFile(env, "memory", "mem", "memory.oom_control"));
    expect(Number(oom?.[1] ?? 0)).toBeGreaterThan(0);
    // conmon notes the OOM kill in an `oom` file of its working directory: the bundle, not ours.
    expect(existsSync(join(runtimeLayout(env.location).bundle("mem").dir, "oom"))).toBe(true);
    expect(existsSync(join(process.cwd(), "oom"))).toBe(false);
  });

  it("applies a pids limit (read back) and enforces it", async () => {
    env = runtimeEnv();
    const script = "sleep 1; for i in 1 2 3 4 5 6 7 8; do sleep 30 & done; echo never";
    await env.run("pids", ["sh", "-c", script], { resources: { pidsLimit: 5 } });
    expect(cgroupFile(env, "pids", "pids", "pids.max")).toBe("5");
    expect(await env.rt.waitExit("pids")).not.toBe(0);
    const entries = await logsOf(env.rt, "pids");
    expect(lines(entries, "stdout")).toEqual([]);
    expect(lines(entries, "stderr").join("\n")).toMatch(/can't fork/);
    expect(cgroupFile(env, "pids", "pids", "pids.events")).toMatch(/^max [1-9]/);
  });

  it("applies a cpu quota (read back)", async () => {
    env = runtimeEnv();
    await env.run("cpu", ["sleep", "1000"], { resources: { cpus: 0.5, cpuShares: 512 } });
    expect(cgroupFile(env, "cpu", "cpu", "cpu.cfs_quota_us")).toBe("50000");
    expect(cgroupFile(env, "cpu", "cpu", "cpu.cfs_period_us")).toBe("100000");
    expect(cgroupFile(env, "cpu", "cpu", "cpu.shares")).toBe("512");
    expect(await env.rt.stop("cpu", { graceMs: 100 })).toBe(137);
  });
});
