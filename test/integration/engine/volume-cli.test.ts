import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBundle } from "./cli-bundle.js";
import { type EngineEnv, engineEnv } from "./harness.js";

const exec = promisify(execFile);

// The built CLI bundle (dist/cli/berth.mjs) against a real in-process engine: berth volume … and the
// volume forms of container run, as a user types them.

describe("berth volume create|ls|inspect|rm|prune through the CLI bundle", () => {
  let env: EngineEnv;
  let bundle: string;
  const berth = async (...args: string[]) => {
    const options = {
      env: { ...process.env, NO_COLOR: "1", BERTH_HOST: `unix://${env.location.socketPath}` },
      encoding: "utf8" as const,
    };
    try {
      const pending = exec(process.execPath, [bundle, ...args], options);
      pending.child.stdin?.end(); // no answer to a prompt: stdin ends at once
      const { stdout, stderr } = await pending;
      return { status: 0, stdout, stderr };
    } catch (error: unknown) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { status: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
    }
  };
  const volumesDir = () => join(env.location.root, "volumes");

  beforeAll(async () => {
    bundle = cliBundle();
    env = await engineEnv();
  }, 180_000);
  afterAll(async () => {
    await env?.finish();
  }, 180_000);

  it("create, ls, inspect, run with -v, rm refused while used, rm, prune", async () => {
    expect(await berth("volume", "create", "--label", "app=web", "webdata")).toEqual({
      status: 0,
      stdout: "webdata\n",
      stderr: "",
    });
    expect((await berth("volume", "create", "other")).stdout).toBe("other\n");
    expect((await berth("volume", "ls")).stdout).toBe(
      "DRIVER    VOLUME NAME\nlocal     other\nlocal     webdata\n",
    );
    expect((await berth("volume", "ls", "-q", "--filter", "label=app=web")).stdout).toBe("webdata\n");
    const inspected = JSON.parse((await berth("volume", "inspect", "webdata")).stdout) as unknown[];
    expect(inspected).toEqual([
      {
        Name: "webdata",
        Driver: "local",
        Mountpoint: join(volumesDir(), "webdata", "_data"),
        CreatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        Labels: { app: "web" },
        Scope: "local",
        Options: null,
      },
    ]);
    expect((await berth("volume", "inspect", "-f", "{{.Driver}} {{.Name}}", "webdata")).stdout).toBe(
      "local webdata\n",
    );

    const run = await berth(
      "container",
      "run",
      "--name",
      "writer",
      "-v",
      "webdata:/data",
      "busybox",
      "sh",
      "-c",
      "echo hi > /data/f",
    );
    expect(run.status).toBe(0);
    expect(readFileSync(join(volumesDir(), "webdata", "_data", "f"), "utf8")).toBe("hi\n");
    const reader = await berth("container", "run", "--rm", "-v", "webdata:/d:ro", "busybox", "cat", "/d/f");
    expect(reader.stdout).toBe("hi\n");

    const refused = await berth("volume", "rm", "-f", "webdata");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/remove webdata: volume is in use - \[[0-9a-f]{64}\]/);
    expect((await berth("container", "rm", "writer")).status).toBe(0);
    expect(await berth("volume", "rm", "webdata")).toEqual({ status: 0, stdout: "webdata\n", stderr: "" });
    const missing = await berth("volume", "rm", "webdata");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("no such volume");

    const anon = await berth("container", "create", "--name", "anon", "-v", "/scratch", "busybox");
    expect(anon.status).toBe(0);
    const [anonName] = (await berth("volume", "ls", "-q", "-f", "dangling=false")).stdout.trim().split("\n");
    expect(anonName).toMatch(/^[0-9a-f]{64}$/);
    expect((await berth("container", "rm", "anon")).status).toBe(0);
    writeFileSync(join(volumesDir(), anonName ?? "", "_data", "blob"), Buffer.alloc(2000));
    const declined = await berth("volume", "prune");
    expect(declined.stdout).toBe(
      "WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ",
    );
    expect(await berth("volume", "prune", "-f")).toEqual({
      status: 0,
      stdout: `Deleted Volumes:\n${anonName}\n\nTotal reclaimed space: 2kB\n`,
      stderr: "",
    });
    expect((await berth("volume", "prune", "-a", "-f")).stdout).toBe(
      "Deleted Volumes:\nother\n\nTotal reclaimed space: 0B\n",
    );
    expect((await berth("volume", "ls", "-q")).stdout).toBe("");
    expect(existsSync(join(volumesDir(), "other"))).toBe(false);
  }, 180_000);
});
