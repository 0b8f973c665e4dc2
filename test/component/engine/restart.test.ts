import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decideRestart, nextDelay } from "../../../src/engine/restart/restart-policy.js";
import { type EngineFixture, engineFixture } from "./engine-harness.js";

describe("restart decisions (pure)", () => {
  const base = { exitCode: 1, restartCount: 0, stoppedByUser: false, ranMs: 0, previousDelayMs: 0 };
  it.each([
    ["no", 1, false],
    ["always", 0, true],
    ["unless-stopped", 0, true],
    ["on-failure", 0, false],
    ["on-failure", 2, true],
  ] as const)("%s after exit %i restarts: %s", (policy, exitCode, restart) => {
    expect(decideRestart({ ...base, exitCode, policy: { policy } }).restart).toBe(restart);
  });
  it("never undoes a user stop, and on-failure stops at its maximum", () => {
    expect(decideRestart({ ...base, stoppedByUser: true, policy: { policy: "always" } }).restart).toBe(false);
    const capped = { ...base, policy: { policy: "on-failure" as const, maxRetries: 2 } };
    expect(decideRestart({ ...capped, restartCount: 1 }).restart).toBe(true);
    expect(decideRestart({ ...capped, restartCount: 2 }).restart).toBe(false);
  });
  it("backs off 100 ms doubling to a minute, reset after a run of 10 s", () => {
    const delays = [0];
    for (let i = 0; i < 12; i++) delays.push(nextDelay(delays.at(-1) ?? 0, 50));
    expect(delays.slice(1, 6)).toEqual([100, 200, 400, 800, 1600]);
    expect(delays.at(-1)).toBe(60_000);
    expect(nextDelay(60_000, 10_000)).toBe(100);
  });
});

describe("restart policies on the fake runtime", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await engineFixture();
  });
  afterEach(async () => {
    await f.dispose();
  });

  const state = async (id: string) => (await f.engine.inspectContainer(id)).State;
  const count = async (id: string) => (await f.engine.inspectContainer(id)).RestartCount;
  const waitStatus = (id: string, status: string) =>
    f.until(
      async () =>
        (await state(id)).Status === status &&
        (status !== "restarting" || f.engine.core.restarts.isPending(id)),
      status,
    );

  it("always: restarting with back-off 100 → 200 ms, RestartCount counts, reset after a 10 s run", async () => {
    const id = await f.create({ HostConfig: { RestartPolicy: { Name: "always" } } });
    await f.engine.startContainer(id);
    f.host.exit(id, 1);
    await waitStatus(id, "restarting");
    expect(await state(id)).toMatchObject({ Restarting: true, Running: true, ExitCode: 1 });
    await f.clock.advance(99);
    expect((await state(id)).Status).toBe("restarting");
    await f.clock.advance(1);
    await waitStatus(id, "running");
    expect(await count(id)).toBe(1);
    f.host.exit(id, 0);
    await waitStatus(id, "restarting");
    await f.clock.advance(199);
    expect((await state(id)).Status).toBe("restarting");
    await f.clock.advance(1);
    await waitStatus(id, "running");
    expect(await count(id)).toBe(2);
    await f.clock.advance(10_000);
    f.host.exit(id, 0);
    await waitStatus(id, "restarting");
    await f.clock.advance(100);
    await waitStatus(id, "running");
    expect(await count(id)).toBe(3);
    const actions = f.engine.core.events.history().map((e) => e.Action);
    expect(actions.filter((a) => a === "die")).toHaveLength(3);
    expect(actions.filter((a) => a === "start")).toHaveLength(4);
  });

  it("on-failure:1 restarts a failure once, then leaves it exited; exit 0 is never restarted", async () => {
    const id = await f.create({
      HostConfig: { RestartPolicy: { Name: "on-failure", MaximumRetryCount: 1 } },
    });
    await f.engine.startContainer(id);
    f.host.exit(id, 2);
    await waitStatus(id, "restarting");
    await f.clock.advance(100);
    await waitStatus(id, "running");
    f.host.exit(id, 2);
    await waitStatus(id, "exited");
    expect(await count(id)).toBe(1);
    const ok = await f.create({ HostConfig: { RestartPolicy: { Name: "on-failure" } } });
    await f.engine.startContainer(ok);
    f.host.exit(ok, 0);
    await waitStatus(ok, "exited");
  });

  it("a user stop or kill is never undone, also during the back-off", async () => {
    const id = await f.create({ HostConfig: { RestartPolicy: { Name: "always" } } });
    await f.engine.startContainer(id);
    await f.engine.stopContainer(id, { t: 1, signal: undefined });
    await f.clock.advance(60_000);
    expect((await state(id)).Status).toBe("exited");
    await f.engine.startContainer(id);
    await f.engine.killContainer(id, { signal: "KILL" });
    await waitStatus(id, "exited");
    await f.clock.advance(60_000);
    expect((await state(id)).Status).toBe("exited");
    await f.engine.startContainer(id);
    f.host.exit(id, 1);
    await waitStatus(id, "restarting");
    await f.engine.stopContainer(id, { t: 1, signal: undefined });
    await f.clock.advance(60_000);
    expect((await state(id)).Status).toBe("exited");
    expect(await count(id)).toBe(0);
  });

  it("AutoRemove takes the container away after its exit", async () => {
    const id = await f.create({ HostConfig: { AutoRemove: true } });
    await f.engine.startContainer(id);
    f.host.exit(id, 0);
    await f.until(() => !f.engine.core.records.has(id), "auto remove");
    expect(f.host.containers.size).toBe(0);
  });
});
