import { afterEach, describe, expect, it } from "vitest";
import { StateTransitionError } from "../../../src/runtime/errors.js";
import { cgroupFile, type RuntimeEnv, runtimeEnv, waitForLine } from "./harness.js";

describe("runtime: stop, kill, pause", () => {
  let env: RuntimeEnv;
  afterEach(async () => {
    await env?.finish();
  });

  it("stops a PID 1 that ignores SIGTERM with SIGKILL after the grace period (137)", async () => {
    env = runtimeEnv();
    await env.run("stubborn", ["sleep", "1000"]);
    expect(await env.rt.stop("stubborn", { graceMs: 300 })).toBe(137);
    expect(await env.rt.state("stubborn")).toEqual({ id: "stubborn", status: "exited", exitCode: 137 });
  });

  it("stops a container behind catatonit with SIGTERM (143)", async () => {
    env = runtimeEnv();
    await env.run("init", ["sleep", "1000"], { init: { path: "/usr/bin/catatonit" } });
    expect(await env.rt.stop("init", { graceMs: 30_000 })).toBe(143);
  });

  it("pauses and resumes through the freezer", async () => {
    env = runtimeEnv();
    await env.run("frozen", ["sh", "-c", "echo up; sleep 1000"]);
    expect(await waitForLine(env.rt, "frozen", "up")).toBe(true);
    await env.rt.pause("frozen");
    expect((await env.rt.state("frozen")).status).toBe("paused");
    expect(cgroupFile(env, "freezer", "frozen", "freezer.state")).toBe("FROZEN");
    await expect(env.rt.pause("frozen")).rejects.toBeInstanceOf(StateTransitionError);
    await env.rt.resume("frozen");
    expect((await env.rt.state("frozen")).status).toBe("running");
    expect(cgroupFile(env, "freezer", "frozen", "freezer.state")).toBe("THAWED");
    await expect(env.rt.delete("frozen")).rejects.toBeInstanceOf(StateTransitionError);
    await env.rt.delete("frozen", { force: true });
    await expect(env.rt.state("frozen")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await env.rt.delete("frozen", { force: true });
  });

  it("stops a paused container", async () => {
    env = runtimeEnv();
    await env.run("p", ["sleep", "1000"]);
    await env.rt.pause("p");
    expect(await env.rt.stop("p", { graceMs: 200 })).toBe(137);
  });
});
