import { describe, expect, it } from "vitest";
import { RuntimeCommandError } from "../../../../src/runtime/errors.js";
import { runcRuntime } from "../../../../src/runtime/linux/runc-runtime.js";
import type { CommandResult, CommandRunner, RunOptions } from "../../../../src/shared/ports.js";
import type { StreamingRunner } from "../../../../src/shared/spawn-ports.js";

/** Records every command and answers from a script keyed by the verb. */
function recording(answers: Record<string, Partial<CommandResult>> = {}) {
  const calls: { argv: string[]; input?: string }[] = [];
  const runner: CommandRunner = {
    run: async (argv: readonly string[], options: RunOptions = {}) => {
      calls.push({ argv: [...argv], ...(options.input === undefined ? {} : { input: options.input }) });
      const answer = answers[argv[3] ?? ""] ?? {};
      return { exitCode: 0, stdout: "", stderr: "", ...answer };
    },
  };
  const streamed: string[][] = [];
  const streamer: StreamingRunner = {
    stream: async (argv, options = {}) => {
      streamed.push([...argv]);
      options.onStdout?.(Buffer.from("hi\n"));
      return 4;
    },
  };
  return { calls, runner, streamer, streamed };
}

describe("runc adapter", () => {
  it("runs each verb under its own --root", async () => {
    const r = recording();
    const runc = runcRuntime({ ...r, root: "/run/b/runc", binary: "/usr/sbin/runc" });
    await runc.start("c1");
    await runc.kill("c1", "SIGTERM");
    await runc.kill("c1", "9");
    await runc.pause("c1");
    await runc.resume("c1");
    await runc.delete("c1", { force: true });
    await runc.delete("c1", { force: false });
    await runc.update("c1", { pids: { limit: 10 } });
    expect(r.calls).toEqual([
      { argv: ["/usr/sbin/runc", "--root", "/run/b/runc", "start", "c1"] },
      { argv: ["/usr/sbin/runc", "--root", "/run/b/runc", "kill", "c1", "TERM"] },
      { argv: ["/usr/sbin/runc", "--root", "/run/b/runc", "kill", "c1", "9"] },
      { argv: ["/usr/sbin/runc", "--root", "/run/b/runc", "pause", "c1"] },
      { argv: ["/usr/sbin/runc", "--root", "/run/b/runc", "resume", "c1"] },
      { argv: ["/usr/sbin/runc", "--root", "/run/b/runc", "delete", "--force", "c1"] },
      { argv: ["/usr/sbin/runc", "--root", "/run/b/runc", "delete", "c1"] },
      {
        argv: ["/usr/sbin/runc", "--root", "/run/b/runc", "update", "--resources", "-", "c1"],
        input: '{"pids":{"limit":10}}',
      },
    ]);
    expect(runc.shimRuntime).toEqual({ path: "/usr/sbin/runc", args: ["--root", "/run/b/runc"] });
  });

  it("parses state and list, and reads an unknown container as undefined", async () => {
    const state = { id: "c1", status: "running", pid: 42, bundle: "/b", extra: 1 };
    const r = recording({
      state: { stdout: JSON.stringify(state) },
      list: { stdout: JSON.stringify([{ ...state, id: "z" }, state]) },
    });
    const runc = runcRuntime({ ...r, root: "/r" });
    expect(await runc.state("c1")).toEqual({ id: "c1", status: "running", pid: 42, bundle: "/b" });
    expect((await runc.list()).map((s) => s.id)).toEqual(["c1", "z"]);
    const missing = recording({ state: { exitCode: 1, stderr: "container does not exist" } });
    expect(await runcRuntime({ ...missing, root: "/r" }).state("nope")).toBeUndefined();
    const empty = recording({ list: { stdout: "null\n" } });
    expect(await runcRuntime({ ...empty, root: "/r" }).list()).toEqual([]);
  });

  it("raises RuntimeCommandError with argv, exit code and stderr", async () => {
    const r = recording({ start: { exitCode: 1, stderr: "cannot start a container that has stopped\n" } });
    const error = await runcRuntime({ ...r, root: "/r" })
      .start("c1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeCommandError);
    expect(error).toMatchObject({
      exitCode: 1,
      stderrTail: "cannot start a container that has stopped",
      argv: ["runc", "--root", "/r", "start", "c1"],
    });
  });

  it("execs with user, groups, cwd and env, streaming output", async () => {
    const r = recording();
    let out = "";
    const code = await runcRuntime({ ...r, root: "/r" }).exec("c1", {
      argv: ["sh", "-c", "id"],
      env: ["A=1"],
      uid: 1000,
      gid: 1000,
      additionalGids: [10],
      cwd: "/w",
      onStdout: (c) => {
        out += c;
      },
    });
    expect({ code, out }).toEqual({ code: 4, out: "hi\n" });
    expect(r.streamed).toEqual([
      [
        "runc",
        "--root",
        "/r",
        "exec",
        "--user",
        "1000:1000",
        "--additional-gids",
        "10",
        "--cwd",
        "/w",
        "--env",
        "A=1",
        "c1",
        "sh",
        "-c",
        "id",
      ],
    ]);
  });
});
