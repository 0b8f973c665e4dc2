import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutputChunk } from "../../../src/api/index.js";
import { EngineClient } from "../../../src/client/index.js";
import { cliBundle } from "./cli-bundle.js";
import { busyboxTar, type EngineEnv, engineEnv, eventually } from "./harness.js";

// Exec stdin and image import changes, end to end on runc + conmon: through berth's node client, the
// real docker CLI (client only) and the berth CLI bundle, all against one in-process engine.

const dockerPath = spawnSync("sh", ["-c", "command -v docker"], { encoding: "utf8" }).stdout.trim();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with `input` on its stdin (closed at once when undefined). */
function runWith(file: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    yield Buffer.from(part);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function text(output: AsyncIterable<OutputChunk>): Promise<{ stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  for await (const chunk of output) {
    if (chunk.stream === "stderr") stderr += chunk.data.toString("utf8");
    else stdout += chunk.data.toString("utf8");
  }
  return { stdout, stderr };
}

describe("engine on runc + conmon: exec stdin and import changes, through every client", () => {
  let env: EngineEnv;
  let client: EngineClient;
  let scratch: string;
  let web: string;
  const dockerEnv = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? "",
    DOCKER_HOST: `unix://${env.engine.socketPath}`,
    DOCKER_CONFIG: join(scratch, "docker"),
    HOME: scratch,
  });
  const berthEnv = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? "",
    HOME: scratch,
    BERTH_HOST: `unix://${env.engine.socketPath}`,
  });
  const berth = (args: string[], input?: string) =>
    runWith(process.execPath, [cliBundle(), ...args], berthEnv(), input);

  beforeAll(async () => {
    env = await engineEnv();
    client = new EngineClient(env.engine.socketPath);
    scratch = mkdtempSync(join(tmpdir(), "berth-clients-"));
    web = await env.api.create("web", { Cmd: ["sleep", "1000"], HostConfig: { Init: true } });
    await env.api.ok("POST", `/containers/${web}/start`);
  }, 180_000);
  afterAll(async () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await env?.finish();
  }, 180_000);

  async function clientExec(cmd: string[], stdin: AsyncIterable<Uint8Array>) {
    const { Id } = await client.createExec(web, {
      Cmd: cmd,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
    });
    const output = await text(client.startExec(Id, { stdin }));
    // The exit code is recorded a moment after the output ends: wait for it (generously: a loaded
    // machine can take seconds), then compare it like the output.
    const inspect = await eventually(
      async () => {
        const now = await client.inspectExec(Id);
        return now.Running || now.ExitCode === null ? undefined : now;
      },
      `exec ${cmd.join(" ")} to be recorded as ended`,
      30_000,
    );
    return { ...output, exitCode: inspect.ExitCode };
  }

  it("node client: cat echoes stdin, sent in pieces, and ends when the client half-closes", async () => {
    expect(await clientExec(["cat"], chunks("piped\n", "second ", "line\n"))).toEqual({
      stdout: "piped\nsecond line\n",
      stderr: "",
      exitCode: 0,
    });
  });

  it("node client: the exit code is kept after stdin is read; empty stdin is an immediate EOF", async () => {
    const cmd = ["sh", "-c", "cat; echo done >&2; exit 5"];
    expect(await clientExec(cmd, chunks("in\n"))).toEqual({ stdout: "in\n", stderr: "done\n", exitCode: 5 });
    expect(await clientExec(["wc", "-c"], chunks())).toMatchObject({ stdout: "0\n", exitCode: 0 });
  });

  it("node client: 1 MiB of stdin arrives whole (back-pressure through the pipe)", async () => {
    const block = Buffer.alloc(64 * 1024, "x");
    const parts = Array.from({ length: 16 }, () => block);
    const result = await clientExec(["sh", "-c", "wc -c; exit 0"], chunks(...parts));
    expect(result).toMatchObject({ stdout: `${16 * 64 * 1024}\n`, exitCode: 0 });
  });

  it("node client: a process that exits without reading ends the exec while stdin stays open", async () => {
    const held = new AbortController();
    async function* open(): AsyncGenerator<Buffer> {
      yield Buffer.from("never read\n");
      await new Promise((resolve) => held.signal.addEventListener("abort", resolve));
    }
    try {
      expect(await clientExec(["sh", "-c", "exit 6"], open())).toEqual({
        stdout: "",
        stderr: "",
        exitCode: 6,
      });
    } finally {
      held.abort();
    }
  });

  it("the real docker CLI: docker exec -i web cat, and its exit code", async () => {
    expect(dockerPath, "the `docker` CLI is not installed: this test needs the docker client").not.toBe("");
    const cat = await runWith(dockerPath, ["exec", "-i", "web", "cat"], dockerEnv(), "piped via docker\n");
    expect(cat).toEqual({ code: 0, stdout: "piped via docker\n", stderr: "" });
    const failing = await runWith(
      dockerPath,
      ["exec", "-i", "web", "sh", "-c", "cat; exit 3"],
      dockerEnv(),
      "then 3\n",
    );
    expect(failing).toEqual({ code: 3, stdout: "then 3\n", stderr: "" });
  });

  it("the berth CLI: echo piped | berth container exec -i web cat", async () => {
    expect(await berth(["container", "exec", "-i", "web", "cat"], "piped\n")).toEqual({
      code: 0,
      stdout: "piped\n",
      stderr: "",
    });
    const code = await berth(["container", "exec", "-i", "web", "sh", "-c", "cat >/dev/null; exit 4"], "x");
    expect(code.code).toBe(4);
  });

  it("node client: an image imported with CMD from its changes runs it", async () => {
    const tar = await busyboxTar(scratch);
    const id = await client.importImage(chunks(tar), {
      repo: "imported",
      tag: "c",
      changes: ['CMD ["echo","hi"]', "ENV GREETING=hello"],
    });
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const image = await client.inspectImage("imported:c");
    expect(image.Config?.Cmd).toEqual(["echo", "hi"]);
    expect(image.Config?.Env).toContain("GREETING=hello");
    const result = await env.api.run("from-import", { Image: "imported:c" });
    expect(result).toEqual({ code: 0, stdout: "hi\n", stderr: "" });
  });

  it('the berth CLI: image import -c \'CMD ["echo","hi"]\', then run prints hi', async () => {
    const path = join(scratch, "cli-rootfs.tar");
    writeFileSync(path, await busyboxTar(scratch));
    const imported = await berth(["image", "import", "-c", 'CMD ["echo","hi"]', path, "cli-imported:1"]);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    // (stderr may carry the warning that bridge networking is not available yet)
    expect(await berth(["container", "run", "--rm", "cli-imported:1"])).toMatchObject({
      code: 0,
      stdout: "hi\n",
    });
  });
});
