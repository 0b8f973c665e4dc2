import { execFile, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerFixture, startFixture } from "./server-fixture.js";

// The real docker CLI (client only) against berth's server and the fake backend. These tests must fail,
// never skip, when `docker` is missing: install the docker client (Debian: docker.io) on the host.
const dockerPath = spawnSync("sh", ["-c", "command -v docker"], { encoding: "utf8" }).stdout.trim();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let fx: ServerFixture;

function docker(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      dockerPath || "docker",
      args,
      {
        env: {
          PATH: process.env.PATH ?? "",
          DOCKER_HOST: `unix://${fx.socketPath}`,
          DOCKER_CONFIG: fx.dir,
          HOME: fx.dir,
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

async function ok(args: string[], input?: string): Promise<string> {
  const run = await docker(args, input);
  expect(run.stderr, `docker ${args.join(" ")}`).toBe("");
  expect(run.code, `docker ${args.join(" ")}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

describe("the docker CLI against berth's engine API", () => {
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("finds the docker client on PATH (install docker.io's client if this fails)", () => {
    expect(dockerPath, "the `docker` CLI is not installed: these tests need the docker client").not.toBe("");
  });

  it("docker version negotiates the API version and shows the server", async () => {
    const out = await ok(["version", "--format", "{{json .}}"]);
    const parsed = JSON.parse(out) as {
      Server: { ApiVersion: string; Version: string };
      Client: { ApiVersion: string };
    };
    expect(parsed.Server.ApiVersion).toBe("1.43");
    expect(parsed.Server.Version).toBe("0.0.0-fake");
    expect(parsed.Client.ApiVersion).toBe("1.43");
  });

  it("docker create/start/logs/inspect/stop/rm round-trip", async () => {
    const id = (
      await ok(["create", "--name", "hello", "-l", "app=demo", "busybox", "echo", "hi", "there"])
    ).trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect((await ok(["start", "hello"])).trim()).toBe("hello");
    expect(await ok(["logs", "hello"])).toBe("hi there\n");
    const inspected = JSON.parse(await ok(["inspect", "hello"])) as {
      Id: string;
      Name: string;
      State: { Status: string; ExitCode: number };
      Args: string[];
    }[];
    expect(inspected).toHaveLength(1);
    expect(inspected[0]).toMatchObject({
      Id: id,
      Name: "/hello",
      State: { Status: "exited", ExitCode: 0 },
      Args: ["hi", "there"],
    });
    expect((await ok(["rm", "hello"])).trim()).toBe("hello");
    const missing = await docker(["inspect", "hello"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No such object: hello");
  });

  it("docker run -d returns once started: the wait it opens first gets its headers at once", async () => {
    const id = (await ok(["run", "-d", "--name", "detached", "busybox", "sleep", "forever"])).trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const state = JSON.parse(await ok(["inspect", "detached"])) as { State: { Running: boolean } }[];
    expect(state[0]?.State.Running).toBe(true);
    await ok(["rm", "-f", "detached"]);
  });

  it("docker logs separates stdout and stderr", async () => {
    await ok(["create", "--name", "failing", "busybox", "fail", "3"]);
    await ok(["start", "failing"]);
    const run = await docker(["logs", "failing"]);
    expect(run).toMatchObject({ code: 0, stdout: "", stderr: "failing\n" });
    const wait = await ok(["wait", "failing"]);
    expect(wait.trim()).toBe("3");
  });

  it("docker ps -a lists with filters and --format json", async () => {
    await ok(["create", "--name", "sleeper", "-l", "tier=web", "busybox", "sleep", "1000"]);
    await ok(["start", "sleeper"]);
    expect((await ok(["ps", "--format", "{{.Names}}"])).trim()).toBe("sleeper");
    const all = (await ok(["ps", "-a", "--format", "{{.Names}}"])).trim().split("\n").sort();
    expect(all).toEqual(["failing", "sleeper"]);
    const filtered = await ok(["ps", "-a", "--filter", "label=tier=web", "--format", "json"]);
    const rows = filtered
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { Names: string; State: string; Labels: string });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Names: "sleeper", State: "running", Labels: "tier=web" });
    const exited = await ok(["ps", "-a", "--filter", "exited=3", "--format", "{{.Names}}"]);
    expect(exited.trim()).toBe("failing");
  });

  it("docker exec runs through the hijacked connection, with stdin and exit codes", async () => {
    expect(await ok(["exec", "sleeper", "echo", "from", "exec"])).toBe("from exec\n");
    expect(await ok(["exec", "-i", "sleeper", "cat"], "piped input\n")).toBe("piped input\n");
    const failed = await docker(["exec", "sleeper", "exit", "7"]);
    expect(failed.code).toBe(7);
  });

  it("docker stop, kill and rm report Docker's statuses", async () => {
    expect((await ok(["stop", "sleeper"])).trim()).toBe("sleeper");
    const kill = await docker(["kill", "sleeper"]);
    expect(kill.code).toBe(1);
    expect(kill.stderr).toContain("is not running");
    await ok(["start", "sleeper"]);
    const rm = await docker(["rm", "sleeper"]);
    expect(rm.code).toBe(1);
    expect(rm.stderr).toContain("cannot remove a running container");
    expect((await ok(["rm", "-f", "sleeper"])).trim()).toBe("sleeper");
  });

  it("docker images and image inspect/tag/rm", async () => {
    expect((await ok(["images", "--format", "{{.Repository}}:{{.Tag}}"])).trim()).toBe("busybox:latest");
    await ok(["tag", "busybox", "example/box:v1"]);
    const refs = (await ok(["images", "--format", "{{.Repository}}:{{.Tag}}"])).trim().split("\n").sort();
    expect(refs).toEqual(["busybox:latest", "example/box:v1"]);
    const inspected = JSON.parse(await ok(["image", "inspect", "example/box:v1"])) as {
      RepoTags: string[];
    }[];
    expect(inspected[0]?.RepoTags).toEqual(["busybox:latest", "example/box:v1"]);
    expect((await ok(["rmi", "example/box:v1"])).trim()).toBe("Untagged: example/box:v1");
  });

  it("a missing image is Docker's 404 (no pull: berth reaches no registry)", async () => {
    const run = await docker(["create", "--pull", "never", "nosuchimage"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("No such image: nosuchimage");
  });
});
