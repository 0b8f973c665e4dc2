import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nodeClock } from "../../../src/platform/node-clock.js";
import { nodeStreamingRunner } from "../../../src/platform/streaming-runner.js";
import { parseStatusLines, relayRunner, shellQuote } from "../../../src/runtime/linux/relay-runner.js";
import type { CommandRunner } from "../../../src/shared/ports.js";

describe("shellQuote and parseStatusLines", () => {
  it("single-quotes every argument, quotes included", () => {
    expect(shellQuote(["echo", "it's", "$HOME", "a b"])).toBe(`'echo' 'it'\\''s' '$HOME' 'a b'`);
  });

  it("reads complete status lines and keeps the unfinished rest", () => {
    expect(parseStatusLines("@@berth 1 0\nnoise\n@@berth 12 127\n@@ber")).toEqual({
      done: [
        [1, 0],
        [12, 127],
      ],
      rest: "@@ber",
    });
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

  function runner(): CommandRunner {
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
    expect(readdirSync(join(dir, "relay"))).toEqual([]);
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
