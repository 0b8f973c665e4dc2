import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type EngineFixture, engineFixture } from "./engine-harness.js";

const ms = 1_000_000;

describe("health checks on a manual clock", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await engineFixture({ exec: { code: 1, stdout: "not yet\n" } });
  });
  afterEach(async () => {
    await f.dispose();
  });

  const health = async (id: string) => (await f.engine.inspectContainer(id)).State.Health;
  const probes = async (id: string, n: number) =>
    // the result is recorded, and the loop sleeps again (so the next advance wakes it)
    f.until(async () => ((await health(id))?.Log.length ?? 0) >= n && f.clock.pending === 1, `${n} probes`);

  it("starting → (failures in the start period do not count) → healthy → unhealthy after `retries`", async () => {
    const id = await f.create({
      Healthcheck: {
        Test: ["CMD", "check"],
        Interval: 1000 * ms,
        Timeout: 300 * ms,
        Retries: 2,
        StartPeriod: 5000 * ms,
        StartInterval: 500 * ms,
      },
    });
    await f.engine.startContainer(id);
    expect(await health(id)).toEqual({ Status: "starting", FailingStreak: 0, Log: [] });
    await f.clock.advance(499);
    expect((await health(id))?.Log).toHaveLength(0);
    await f.clock.advance(1); // start_interval during start_period
    await probes(id, 1);
    await f.clock.advance(500);
    await probes(id, 2);
    expect(await health(id)).toMatchObject({ Status: "starting", FailingStreak: 0 });
    expect((await health(id))?.Log[0]).toMatchObject({ ExitCode: 1, Output: "not yet\n" });
    f.hostOptions.exec = { code: 0, stdout: "ok\n" };
    await f.clock.advance(500);
    await probes(id, 3);
    expect(await health(id)).toMatchObject({ Status: "healthy", FailingStreak: 0 });
    const [summary] = await f.engine.listContainers({
      all: false,
      limit: undefined,
      size: false,
      filters: {},
    });
    expect(summary?.Status).toMatch(/\(healthy\)$/);
    f.hostOptions.exec = { code: 1 };
    await f.clock.advance(1000); // healthy: the normal interval
    await probes(id, 4);
    expect(await health(id)).toMatchObject({ Status: "healthy", FailingStreak: 1 });
    await f.clock.advance(1000);
    await probes(id, 5);
    expect(await health(id)).toMatchObject({ Status: "unhealthy", FailingStreak: 2 });
    await f.clock.advance(1000);
    await f.until(async () => (await health(id))?.FailingStreak === 3, "third failure");
    expect((await health(id))?.Log).toHaveLength(5);
    const changes = f.engine.core.events
      .history()
      .filter((e) => e.Action.startsWith("health_status"))
      .map((e) => e.Action);
    expect(changes).toEqual(["health_status: healthy", "health_status: unhealthy"]);
    expect(f.host.calls.filter((c) => c.startsWith("runc exec")).at(-1)).toContain("check");
  });

  it("failures after the start period count while still starting; CMD-SHELL runs through /bin/sh -c", async () => {
    const id = await f.create({
      Healthcheck: {
        Test: ["CMD-SHELL", "exit 1"],
        Interval: 1000 * ms,
        Retries: 1,
        StartPeriod: 1500 * ms,
        StartInterval: 1000 * ms,
      },
    });
    await f.engine.startContainer(id);
    await f.clock.advance(1000);
    await probes(id, 1);
    expect(await health(id)).toMatchObject({ Status: "starting", FailingStreak: 0 });
    await f.clock.advance(1000);
    await probes(id, 2);
    expect(await health(id)).toMatchObject({ Status: "unhealthy", FailingStreak: 1 });
    expect(f.host.calls.filter((c) => c.startsWith("runc exec")).at(-1)).toContain("/bin/sh -c exit 1");
  });

  it("stops probing when the container stops and resumes after the engine re-adopts it", async () => {
    const id = await f.create({ Healthcheck: { Test: ["CMD", "check"], Interval: 1000 * ms, Retries: 3 } });
    await f.engine.startContainer(id);
    await f.clock.advance(1000);
    await probes(id, 1);
    await f.engine.close();
    const engine = await f.reopen();
    expect(engine.core.health.watching(id)).toBe(true);
    await f.clock.advance(1000);
    await f.until(
      async () => ((await engine.inspectContainer(id)).State.Health?.Log.length ?? 0) >= 2,
      "probe after adoption",
    );
    await engine.stopContainer(id, { t: 0, signal: undefined });
    expect(engine.core.health.watching(id)).toBe(false);
  });
});
