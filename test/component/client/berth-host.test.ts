import { describe, expect, it } from "vitest";
import { DEFAULT_BERTH_HOST, ensureEngine, parseBerthHost } from "../../../src/client/index.js";
import type { Clock } from "../../../src/shared/ports.js";

describe("BERTH_HOST", () => {
  it("defaults to the system socket", () => {
    expect(DEFAULT_BERTH_HOST).toBe("unix:///run/berth/berth.sock");
    expect(parseBerthHost(undefined)).toEqual({ socketPath: "/run/berth/berth.sock" });
    expect(parseBerthHost("")).toEqual({ socketPath: "/run/berth/berth.sock" });
  });

  it("reads unix:// paths", () => {
    expect(parseBerthHost("unix:///tmp/x/berth.sock")).toEqual({ socketPath: "/tmp/x/berth.sock" });
  });

  it.each(["tcp://127.0.0.1:2375", "unix://relative.sock", "/run/berth/berth.sock", "ssh://host"])(
    "refuses %s with a clear usage error",
    (value) => {
      expect(() => parseBerthHost(value)).toThrow(
        /is not supported: berth's engine listens only on a unix socket/,
      );
    },
  );
});

/** A clock moved only by sleep (no real waiting). */
function manualClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe("ensureEngine", () => {
  it("does nothing when the engine answers", async () => {
    let starts = 0;
    const result = await ensureEngine({
      ping: async () => true,
      start: async () => {
        starts++;
      },
      clock: manualClock(),
      timeoutMs: 1000,
    });
    expect(result).toEqual({ started: false });
    expect(starts).toBe(0);
  });

  it("starts the engine once and waits for /_ping", async () => {
    const answers = [false, false, false, true];
    const events: string[] = [];
    const clock = manualClock();
    const result = await ensureEngine({
      ping: async () => answers.shift() ?? false,
      start: async () => {
        events.push("start");
      },
      onStarting: () => events.push("starting"),
      clock,
      timeoutMs: 1000,
    });
    expect(result).toEqual({ started: true });
    expect(events).toEqual(["starting", "start"]);
    expect(clock.slept).toEqual([50, 50]);
  });

  it("fails with ENGINE_UNAVAILABLE when the engine never answers", async () => {
    const clock = manualClock();
    await expect(
      ensureEngine({
        ping: async () => false,
        start: async () => {},
        clock,
        timeoutMs: 500,
        intervalMs: 100,
      }),
    ).rejects.toMatchObject({ code: "ENGINE_UNAVAILABLE", message: expect.stringContaining("500 ms") });
    expect(clock.slept).toEqual([100, 100, 100, 100, 100]);
  });

  it("passes errors of the start function through", async () => {
    await expect(
      ensureEngine({
        ping: async () => false,
        start: async () => {
          throw new Error("spawn failed");
        },
        clock: manualClock(),
        timeoutMs: 10,
      }),
    ).rejects.toThrow("spawn failed");
  });
});
