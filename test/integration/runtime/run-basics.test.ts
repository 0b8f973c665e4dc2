import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lines, logsOf, type RuntimeEnv, runtimeEnv } from "./harness.js";

describe("runtime: running busybox containers", () => {
  let env: RuntimeEnv;
  afterEach(async () => {
    await env?.finish();
  });

  it("logs stdout and stderr separately and reports the exit code", async () => {
    env = runtimeEnv();
    await env.run("echo", ["sh", "-c", "echo out1; echo err1 >&2; echo out2; exit 7"]);
    expect(await env.rt.waitExit("echo")).toBe(7);
    expect(await env.rt.state("echo")).toEqual({ id: "echo", status: "exited", exitCode: 7 });
    const entries = await logsOf(env.rt, "echo");
    expect(lines(entries, "stdout")).toEqual(["out1", "out2"]);
    expect(lines(entries, "stderr")).toEqual(["err1"]);
  });

  it("gives exit codes 0 and 128+signal (kill)", async () => {
    env = runtimeEnv();
    await env.run("ok", ["true"]);
    await env.run("sig", ["sleep", "1000"]);
    expect(await env.rt.waitExit("ok")).toBe(0);
    expect((await env.rt.state("sig")).status).toBe("running");
    await env.rt.kill("sig", "SIGKILL");
    expect(await env.rt.waitExit("sig")).toBe(128 + 9);
  });

  it("applies env, user and working dir", async () => {
    env = runtimeEnv();
    await env.run("who", ["sh", "-c", 'echo "$GREETING $(id -u):$(id -g) $(pwd) $HOME"'], {
      env: { GREETING: "hi" },
      user: "app",
      workingDir: "/tmp",
    });
    expect(await env.rt.waitExit("who")).toBe(0);
    expect(lines(await logsOf(env.rt, "who"), "stdout")).toEqual(["hi 1000:1000 /tmp /home/app"]);
  });

  it("makes the rootfs read-only and gives tmpfs mounts their mode", async () => {
    env = runtimeEnv();
    const script =
      "touch /x 2>/dev/null && echo rw || echo ro; stat -c %a /scratch; touch /scratch/f && echo tmp-ok";
    await env.run("ro", ["sh", "-c", script], {
      readOnly: true,
      mounts: [{ type: "tmpfs", target: "/scratch", mode: 0o1777, sizeBytes: 1024 * 1024 }],
    });
    expect(await env.rt.waitExit("ro")).toBe(0);
    expect(lines(await logsOf(env.rt, "ro"), "stdout")).toEqual(["ro", "1777", "tmp-ok"]);
  });

  it("binds host directories, read-only where asked", async () => {
    env = runtimeEnv();
    const rw = join(env.location.root, "rw");
    const ro = join(env.location.root, "ro");
    mkdirSync(rw);
    mkdirSync(ro);
    chmodSync(rw, 0o777);
    writeFileSync(join(ro, "hello.txt"), "from host\n");
    await env.run(
      "bind",
      ["sh", "-c", "cat /in/hello.txt; echo made > /out/f; touch /in/g 2>/dev/null || echo in-ro"],
      {
        mounts: [
          { type: "bind", source: ro, target: "/in", readOnly: true },
          { type: "bind", source: rw, target: "/out" },
        ],
      },
    );
    expect(await env.rt.waitExit("bind")).toBe(0);
    expect(lines(await logsOf(env.rt, "bind"), "stdout")).toEqual(["from host", "in-ro"]);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(join(rw, "f"), "utf8")).toBe("made\n");
  });
});
