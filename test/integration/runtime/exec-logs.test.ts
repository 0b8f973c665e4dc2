import { afterEach, describe, expect, it } from "vitest";
import type { LogEntry } from "../../../src/runtime/logs/k8s-log.js";
import { lines, logsOf, type RuntimeEnv, runtimeEnv, waitForLine } from "./harness.js";

describe("runtime: exec and logs", () => {
  let env: RuntimeEnv;
  afterEach(async () => {
    await env?.finish();
  });

  it("execs with env, user and cwd, streams output and returns the exit code", async () => {
    env = runtimeEnv();
    await env.run("box", ["sh", "-c", "echo up; sleep 1000"]);
    expect(await waitForLine(env.rt, "box", "up")).toBe(true);
    let out = "";
    let err = "";
    const code = await env.rt.exec("box", {
      argv: ["sh", "-c", 'echo "$X $(id -u) $(pwd)"; echo oops >&2; exit 5'],
      env: { X: "ex" },
      user: "app",
      cwd: "/home/app",
      onStdout: (chunk) => {
        out += chunk;
      },
      onStderr: (chunk) => {
        err += chunk;
      },
    });
    expect({ code, out, err }).toEqual({ code: 5, out: "ex 1000 /home/app\n", err: "oops\n" });
    expect(await env.rt.exec("box", { argv: ["true"] })).toBe(0);
    const bytes: Buffer[] = [];
    const binary = await env.rt.exec("box", {
      argv: ["printf", "\\377\\000\\200\\342\\202"],
      onStdout: (chunk) => bytes.push(chunk),
    });
    expect({ binary, bytes: [...Buffer.concat(bytes)] }).toEqual({
      binary: 0,
      bytes: [0xff, 0, 0x80, 0xe2, 0x82],
    });
    expect(await env.rt.stop("box", { signal: "SIGKILL", graceMs: 0 })).toBe(137);
  });

  it("follows the log from the first byte until the container exits", async () => {
    env = runtimeEnv();
    await env.run("talk", ["sh", "-c", "for i in 1 2 3 4 5; do echo line$i; sleep 0.1; done; echo bye >&2"]);
    const seen: LogEntry[] = [];
    for await (const entry of env.rt.logs("talk", { follow: true })) seen.push(entry);
    expect(lines(seen, "stdout")).toEqual(["line1", "line2", "line3", "line4", "line5"]);
    expect(lines(seen, "stderr")).toEqual(["bye"]);
    expect(await env.rt.waitExit("talk")).toBe(0);
  });

  it("joins partial and very long lines, keeps an unterminated last line as partial", async () => {
    env = runtimeEnv();
    const script =
      "printf 'a'; sleep 0.2; printf 'b\\n'; head -c 300000 /dev/zero | tr '\\0' x; echo; printf end";
    await env.run("parts", ["sh", "-c", script]);
    expect(await env.rt.waitExit("parts")).toBe(0);
    const entries = await logsOf(env.rt, "parts");
    expect(entries.map((e) => [e.line.length > 100 ? `x*${e.line.length}` : e.line, e.partial])).toEqual([
      ["ab", false],
      ["x*300000", false],
      ["end", true],
    ]);
  });

  it("filters by stream, tails, and prefixes timestamps", async () => {
    env = runtimeEnv();
    await env.run("many", ["sh", "-c", "for i in 1 2 3 4; do echo o$i; echo e$i >&2; done"]);
    expect(await env.rt.waitExit("many")).toBe(0);
    const tail: string[] = [];
    for await (const e of env.rt.logs("many", { tail: 2, stdout: true })) tail.push(e.line);
    expect(tail).toEqual(["o3", "o4"]);
    const stamped: string[] = [];
    for await (const e of env.rt.logs("many", { stderr: true, timestamps: true })) stamped.push(e.line);
    expect(stamped).toHaveLength(4);
    expect(stamped[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\S* e1$/);
    const future: string[] = [];
    for await (const e of env.rt.logs("many", { since: Date.now() + 60_000 })) future.push(e.line);
    expect(future).toEqual([]);
  });
});
