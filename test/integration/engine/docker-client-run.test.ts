import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineEnv, engineEnv, eventually } from "./harness.js";

// The real docker CLI (client only; there is no docker daemon here) against a real berth engine:
// `docker run` without -d attaches before it starts, `docker attach` follows a running container.
// `--network none` keeps the engine's "no bridge networking yet" warning out of stderr.
const dockerPath = spawnSync("sh", ["-c", "command -v docker"], { encoding: "utf8" }).stdout.trim();

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Running {
  child: ChildProcess;
  stdout: () => string;
  done: Promise<Finished>;
}

let env: EngineEnv;
let home = "";

function docker(args: string[]): Running {
  const child = spawn(dockerPath || "docker", args, {
    env: {
      PATH: process.env.PATH ?? "",
      DOCKER_HOST: `unix://${env.engine.socketPath}`,
      DOCKER_CONFIG: home,
      HOME: home,
    },
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
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, stdout: () => stdout, done };
}

/** How many files of this process (the in-process engine) have the container's log open. */
function logReaders(id: string): number {
  const log = join(env.location.root, "containers", id, "ctr.log");
  return readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === log;
    } catch {
      return false;
    }
  }).length;
}

describe("the docker CLI runs containers on berth in the foreground", () => {
  beforeAll(async () => {
    env = await engineEnv();
    home = mkdtempSync(join(tmpdir(), "berth-docker-home-"));
  }, 120_000);
  afterAll(async () => {
    rmSync(home, { recursive: true, force: true });
    await env?.finish();
  }, 120_000);

  it("finds the docker client on PATH (install docker.io's client if this fails)", () => {
    expect(dockerPath, "the `docker` CLI is not installed: these tests need the docker client").not.toBe("");
  });

  it("docker run --rm prints the output, exits 0 and leaves no container", async () => {
    const run = await docker(["run", "--rm", "--network", "none", "busybox", "echo", "hi"]).done;
    expect(run).toMatchObject({ code: 0, stdout: "hi\n", stderr: "" });
    expect(await env.api.ok<unknown[]>("GET", "/containers/json?all=1")).toEqual([]);
  });

  it("docker run puts each stream on its own fd and exits with the container's code", async () => {
    const run = await docker([
      "run",
      "--name",
      "streams",
      "--network",
      "none",
      "busybox",
      "sh",
      "-c",
      "echo out; echo err >&2; printf 'no newline'; exit 3",
    ]).done;
    expect(run).toMatchObject({ code: 3, stdout: "out\nno newline", stderr: "err\n" });
    expect((await env.api.inspect("streams")).State).toMatchObject({ Status: "exited", ExitCode: 3 });
  });

  it("docker run forwards SIGINT to the container (sig-proxy) and exits with its code", async () => {
    const run = docker([
      "run",
      "--rm",
      "--network",
      "none",
      "busybox",
      "sh",
      "-c",
      "trap 'echo got INT; exit 9' INT; echo ready; while true; do sleep 0.1; done",
    ]);
    await eventually(async () => run.stdout().includes("ready"), "the container to be ready");
    run.child.kill("SIGINT");
    const finished = await run.done;
    expect(finished).toMatchObject({ code: 9, stdout: "ready\ngot INT\n" });
  });

  it("docker attach follows a running container from the moment of attach to its exit", async () => {
    const id = await env.api.create("attached", {
      Cmd: ["sh", "-c", "echo before; while [ ! -f /tmp/go ]; do sleep 0.05; done; echo after; exit 4"],
    });
    await env.api.ok("POST", `/containers/${id}/start`);
    await eventually(async () => (await env.api.logs(id)).stdout === "before\n", "the first line");
    const attach = docker(["attach", "attached"]);
    await eventually(async () => logReaders(id) > 0, "the attach to open the container's log");
    const exec = await env.api.ok<{ Id: string }>("POST", `/containers/${id}/exec`, {
      Cmd: ["touch", "/tmp/go"],
    });
    await env.api.ok("POST", `/exec/${exec.Id}/start`, { Detach: true });
    const finished = await attach.done;
    expect(finished).toMatchObject({ code: 4, stdout: "after\n", stderr: "" });
    expect(logReaders(id)).toBe(0);
  });
});
