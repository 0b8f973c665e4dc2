import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { nodeClock } from "../../../src/platform/node-clock.js";
import { nodeStreamingRunner } from "../../../src/platform/streaming-runner.js";
import {
  envAssignments,
  parseStatusLines,
  type RelayRunner,
  relayRunner,
  shellQuote,
} from "../../../src/runtime/linux/relay-runner.js";
import type { CommandRunner } from "../../../src/shared/ports.js";

describe("shellQuote and parseStatusLines", () => {
  it("single-quotes every argument, quotes included", () => {
    expect(shellQuote(["echo", "it's", "$HOME", "a b"])).toBe(`'echo' 'it'\\''s' '$HOME' 'a b'`);
  });

  it("reads complete status lines (with the wrote-stdout/stderr flags), answer lines, and keeps the rest", () => {
    expect(
      parseStatusLines(
        '@@berth 1 0\nnoise\n@@berth 12 127 o e\n@@line 3 {"data": 7}\n@@berth 4 1 e\n@@line 5\n@@ber',
      ),
    ).toEqual({
      done: [
        { id: 1, code: 0, stdout: false, stderr: false },
        { id: 12, code: 127, stdout: true, stderr: true },
        { id: 4, code: 1, stdout: false, stderr: true },
      ],
      answers: [
        { id: 3, text: '{"data": 7}' },
        { id: 5, text: "" },
      ],
      rest: "@@ber",
    });
  });

  it("turns NAME=value pairs into quoted shell assignments and refuses bad names", () => {
    expect(envAssignments(["PATH=/bin:/usr/bin", "_X=it's"])).toBe(`PATH='/bin:/usr/bin' _X='it'\\''s'`);
    expect(() => envAssignments(["1A=x"])).toThrow(/invalid env entry/);
    expect(() => envAssignments(["novalue"])).toThrow(/invalid env entry/);
  });
});

describe("relayRunner: plain commands through one long-lived sh", () => {
  let dir = "";
  const fallbackCalls: string[][] = [];
  const fallback: CommandRunner = {
    run: async (argv) => {
      fallbackCalls.push([...argv]);
      return { exitCode: 0, stdout: "fallback\n", stderr: "" };
    },
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "berth-relay-"));
    fallbackCalls.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function runner(): RelayRunner {
    return relayRunner({
      streamer: nodeStreamingRunner(),
      fallback,
      clock: nodeClock(),
      dir: join(dir, "relay"),
      idleMs: 50,
    });
  }

  it("gives each command's stdout, stderr and exit status, arguments passed verbatim", async () => {
    const relay = runner();
    expect(await relay.run(["printf", "%s|", "it's", "$HOME", "a b"])).toEqual({
      exitCode: 0,
      stdout: "it's|$HOME|a b|",
      stderr: "",
    });
    expect(await relay.run(["sh", "-c", "echo out; echo err >&2; exit 3"])).toEqual({
      exitCode: 3,
      stdout: "out\n",
      stderr: "err\n",
    });
    expect((await relay.run(["/nonexistent/binary"])).exitCode).toBe(127);
    expect(fallbackCalls).toEqual([]);
  });

  it("runs commands side by side and matches every answer to its command", async () => {
    const relay = runner();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => relay.run(["sh", "-c", `sleep 0.0${i % 5}; echo ${i}`])),
    );
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 20 }, (_, i) => `${i}\n`));
    // output slots are reused while the shell lives and removed once it stops (idle)
    expect(readdirSync(join(dir, "relay")).length).toBeLessThanOrEqual(40);
    await vi.waitFor(() => expect(readdirSync(join(dir, "relay"))).toEqual([]), { timeout: 30_000 });
  });

  it("reuses a slot's files: a quiet command after a noisy one reports empty output", async () => {
    const relay = runner();
    expect(await relay.run(["sh", "-c", "echo noise; echo more >&2; exit 2"])).toEqual({
      exitCode: 2,
      stdout: "noise\n",
      stderr: "more\n",
    });
    expect(await relay.run(["true"])).toEqual({ exitCode: 0, stdout: "", stderr: "" });
  });

  it("runs commands with a clean environment: PATH only", async () => {
    process.env.BERTH_RELAY_TEST_LEAK = "leaked";
    try {
      const { stdout } = await runner().run(["sh", "-c", 'echo "$BERTH_RELAY_TEST_LEAK-none" $PATH']);
      expect(stdout).toBe("-none /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
    } finally {
      delete process.env.BERTH_RELAY_TEST_LEAK;
    }
  });

  it("firstLine: the first line a command writes on fd 3, with its env, output appended to a file", async () => {
    const relay = runner();
    const outputFile = join(dir, "out.log");
    // Both fd-3 lines go out in one write: the reader takes the first and exits, so a later write of
    // its own to fd 3 could meet a closed pipe (SIGPIPE, and "gone" never written) on a slow machine.
    const script = `echo "said $GREETING"; printf '%s\\nlater\\n' "$GREETING \\n back" >&3; echo gone >&2`;
    const line = await relay.firstLine(["sh", "-c", script], { env: ["GREETING=hi there"], outputFile });
    expect(line).toBe("hi there \\n back");
    await vi.waitFor(() => expect(readFileSync(outputFile, "utf8")).toBe("said hi there\ngone\n"), {
      timeout: 30_000,
    });
  });

  it("firstLine: runs the command in its cwd, and the relay's own directory stays as it was", async () => {
    const relay = runner();
    const outputFile = join(dir, "out.log");
    const sub = join(dir, "sub dir");
    mkdirSync(sub);
    expect(await relay.firstLine(["sh", "-c", "pwd >&3"], { env: [], outputFile, cwd: sub })).toBe(sub);
    expect((await relay.run(["pwd"])).stdout).toBe(`${process.cwd()}\n`);
    expect(await relay.firstLine(["sh", "-c", "pwd >&3"], { env: [], outputFile })).toBe(process.cwd());
    const missing = join(dir, "missing");
    expect(await relay.firstLine(["sh", "-c", "pwd >&3"], { env: [], outputFile, cwd: missing })).toBe("");
    expect(readFileSync(outputFile, "utf8")).toContain("missing");
  });

  it("firstLine: what came before EOF, or an empty line when the command closed fd 3 silently", async () => {
    const relay = runner();
    const outputFile = join(dir, "out.log");
    expect(await relay.firstLine(["sh", "-c", "printf partial >&3"], { env: [], outputFile })).toBe(
      "partial",
    );
    expect(await relay.firstLine(["sh", "-c", "exit 3"], { env: [], outputFile })).toBe("");
  });

  it("firstLine: an abort rejects the wait (the command may still run)", async () => {
    const relay = runner();
    const controller = new AbortController();
    const waiting = relay.firstLine(["sleep", "0.3"], {
      env: [],
      outputFile: join(dir, "out.log"),
      signal: controller.signal,
    });
    controller.abort(new Error("gave up"));
    await expect(waiting).rejects.toThrow("gave up");
  });

  it("leaves commands with stdin, cwd, env or a signal to the plain runner", async () => {
    const relay = runner();
    expect((await relay.run(["cat"], { input: "x" })).stdout).toBe("fallback\n");
    expect((await relay.run(["pwd"], { cwd: "/" })).stdout).toBe("fallback\n");
    expect(fallbackCalls).toEqual([["cat"], ["pwd"]]);
  });

  it("stops the shell once idle for idleMs and starts a new one for the next command", async () => {
    let now = 0;
    const sleepers: (() => void)[] = [];
    const clock = {
      now: () => now,
      sleep: () => new Promise<void>((resolve) => sleepers.push(resolve)),
    };
    const relay = relayRunner({
      streamer: nodeStreamingRunner(),
      fallback,
      clock,
      dir: join(dir, "relay"),
      idleMs: 50,
    });
    const first = await relay.run(["sh", "-c", "echo $PPID"]);
    now += 50;
    for (const wake of sleepers.splice(0)) wake();
    await new Promise((resolve) => setImmediate(resolve));
    const second = await relay.run(["sh", "-c", "echo $PPID"]);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).not.toBe(first.stdout);
  });
});
