import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBundle } from "../../integration/engine/cli-bundle.js";
import { type EngineEnv, engineEnv, eventually } from "../../integration/engine/harness.js";

// `berth container run` without -d, as a user runs it (the built CLI bundle), against a real engine:
// attach before start, each stream to its own fd, the container's exit code, signals proxied.

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

let env: EngineEnv;

function berth(args: string[]): {
  kill: (signal: NodeJS.Signals) => void;
  stdout: () => string;
  done: Promise<Finished>;
} {
  const child = spawn(process.execPath, [cliBundle(), ...args], {
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", BERTH_HOST: `unix://${env.engine.socketPath}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const done = new Promise<Finished>((resolve) => {
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
  return { kill: (signal) => child.kill(signal), stdout: () => stdout, done };
}

describe("berth container run in the foreground", () => {
  beforeAll(async () => {
    cliBundle();
    env = await engineEnv();
  }, 180_000);
  afterAll(async () => {
    await env?.finish();
  }, 120_000);

  it("prints both streams to their fds, exits with the container's code, and --rm removes it", async () => {
    const run = await berth([
      "container",
      "run",
      "--rm",
      "--network",
      "none",
      "busybox",
      "sh",
      "-c",
      "echo out; echo err >&2; exit 3",
    ]).done;
    expect(run).toEqual({ status: 3, stdout: "out\n", stderr: "err\n" });
    expect(await env.api.ok<unknown[]>("GET", "/containers/json?all=1")).toEqual([]);
  });

  it("forwards Ctrl-C (SIGINT) to the container instead of leaving it behind", async () => {
    const run = berth([
      "container",
      "run",
      "--name",
      "trapper",
      "--network",
      "none",
      "busybox",
      "sh",
      "-c",
      "trap 'echo got INT; exit 9' INT; echo ready; while true; do sleep 0.1; done",
    ]);
    await eventually(async () => run.stdout().includes("ready"), "the container to be ready");
    run.kill("SIGINT");
    expect(await run.done).toEqual({ status: 9, stdout: "ready\ngot INT\n", stderr: "" });
    expect((await env.api.inspect("trapper")).State).toMatchObject({ Status: "exited", ExitCode: 9 });
    await env.api.ok("DELETE", "/containers/trapper");
  });

  it("refuses -i and -t with a clear error and creates nothing", async () => {
    const run = await berth(["container", "run", "-i", "busybox", "cat"]).done;
    expect(run.status).toBe(125);
    expect(run.stderr).toContain("-i and -t are not supported");
    expect(await env.api.ok<unknown[]>("GET", "/containers/json?all=1")).toEqual([]);
  });
});
