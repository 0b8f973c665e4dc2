import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { withSubnetLock } from "../../../src/network/linux/subnet-lock.js";
import { nodeClock } from "../../../src/platform/node-clock.js";
import type { Clock } from "../../../src/shared/ports.js";

const dirs: string[] = [];
function lockPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "berth-lock-"));
  dirs.push(dir);
  return join(dir, "subnets.lock");
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A clock whose sleeps only move its own time forward. */
function steppingClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      await Promise.resolve();
    },
  };
}

describe("withSubnetLock", () => {
  it("holds the lock file with our PID while fn runs, and removes it after (also when fn throws)", async () => {
    const path = lockPath();
    const seen = await withSubnetLock(async () => readFileSync(path, "utf8"), { path, clock: nodeClock() });
    expect(seen).toMatch(new RegExp(`^${process.pid} \\d+\n$`));
    expect(existsSync(path)).toBe(false);
    await expect(
      withSubnetLock(
        async () => {
          throw new Error("boom");
        },
        { path, clock: nodeClock() },
      ),
    ).rejects.toThrow("boom");
    expect(existsSync(path)).toBe(false);
  });

  it("runs concurrent holders one after the other", async () => {
    const path = lockPath();
    const events: string[] = [];
    const holder = (name: string) =>
      withSubnetLock(
        async () => {
          events.push(`${name} in`);
          await nodeClock().sleep(30);
          events.push(`${name} out`);
        },
        { path, clock: nodeClock(), pollMs: 5 },
      );
    await Promise.all([holder("a"), holder("b"), holder("c")]);
    expect(events).toHaveLength(6);
    for (let i = 0; i < 6; i += 2) {
      const name = (events[i] ?? "").split(" ")[0];
      expect([events[i], events[i + 1]]).toEqual([`${name} in`, `${name} out`]);
    }
  });

  it("takes over the lock of a dead process", async () => {
    const path = lockPath();
    const dead = spawnSync("true").pid;
    writeFileSync(path, `${dead}\n`);
    const seen = await withSubnetLock(async () => readFileSync(path, "utf8"), { path, clock: nodeClock() });
    expect(seen.split(" ")[0]).toBe(String(process.pid));
    expect(existsSync(path)).toBe(false);
  });

  it("takes over the lock of a live PID whose start time differs (the PID was reused)", async () => {
    const path = lockPath();
    writeFileSync(path, `${process.ppid} 1\n`);
    expect(await withSubnetLock(async () => "taken", { path, clock: nodeClock() })).toBe("taken");
  });

  it("waits for a live holder and gives up with CONFLICT after the timeout", async () => {
    const path = lockPath();
    const ppidStart = readFileSync(`/proc/${process.ppid}/stat`, "utf8").split(") ")[1]?.split(" ")[19];
    writeFileSync(path, `${process.ppid} ${ppidStart}\n`);
    await expect(
      withSubnetLock(async () => "never", { path, clock: steppingClock(), timeoutMs: 1000 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(readFileSync(path, "utf8")).toBe(`${process.ppid} ${ppidStart}\n`);
  });

  it("treats an empty lock file as being written, and as stale once it is old", async () => {
    const path = lockPath();
    writeFileSync(path, "");
    const now = Date.now();
    const young: Clock = { now: () => now, sleep: async () => undefined };
    let attempts = 0;
    const counting: Clock = {
      now: () => now + (attempts > 3 ? 20_000 : 0),
      sleep: async () => {
        attempts++;
      },
    };
    await expect(
      withSubnetLock(async () => "x", { path, clock: young, timeoutMs: -1 }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await withSubnetLock(async () => "taken", { path, clock: counting, timeoutMs: 60_000 })).toBe(
      "taken",
    );
    expect(attempts).toBe(4);
  });
});
