import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lines, logsOf, type RuntimeEnv, runtimeEnv, waitForLine } from "./harness.js";

describe("runtime: cleanup after crashes, log cap", () => {
  let env: RuntimeEnv;
  afterEach(async () => {
    await env?.finish();
  });

  it("deletes a running container whose conmon was killed, from a fresh runtime", async () => {
    env = runtimeEnv();
    await env.run("lost", ["sh", "-c", "echo up; sleep 1000"]);
    expect(await waitForLine(env.rt, "lost", "up")).toBe(true);
    const conmon = Number(readFileSync(env.rt.paths("lost").shimPidFile, "utf8"));
    process.kill(conmon, "SIGKILL");
    const rt = env.reopen();
    expect((await rt.state("lost")).status).toBe("running");
    await rt.delete("lost", { force: true });
    expect(await rt.list()).toEqual([]);
  });

  it("adopt removes a bundle left half-made (mounted, no meta) by a crash during prepare", async () => {
    env = runtimeEnv();
    await env.rt.prepare("half", { spec: env.spec("half", ["true"]), lowerDirs: [env.layer] });
    rmSync(join(env.rt.paths("half").dir, "meta.json"));
    const result = await env.reopen().adopt();
    expect(result).toEqual({ containers: [], removed: ["half"] });
  });

  it("caps the log size (conmon starts a new file) and the reader keeps going", async () => {
    env = runtimeEnv({ logSizeMax: 4096 });
    const script = "i=0; while [ $i -lt 400 ]; do echo line-$i; i=$((i+1)); done";
    await env.run("chatty", ["sh", "-c", script]);
    expect(await env.rt.waitExit("chatty")).toBe(0);
    const kept = lines(await logsOf(env.rt, "chatty"), "stdout");
    expect(readFileSync(env.rt.paths("chatty").log).length).toBeLessThanOrEqual(4096);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.at(-1)).toBe("line-399");
  });
});
