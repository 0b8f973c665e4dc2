import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LogEntry } from "../../../src/runtime/logs/k8s-log.js";
import { type LogOptions, readLog } from "../../../src/runtime/logs/log-reader.js";
import type { Clock } from "../../../src/shared/ports.js";

const T = "2026-01-01T00:00:0";

describe("readLog over a conmon k8s-file", () => {
  let dir = "";
  let path = "";
  let exited = false;
  let ticks: (() => void)[] = [];
  const clock: Clock = {
    now: () => Date.parse("2026-01-01T00:00:00Z"),
    sleep: async (_ms, signal) => {
      signal?.throwIfAborted();
      ticks.shift()?.();
    },
  };
  const read = async (options: LogOptions = {}): Promise<LogEntry[]> => {
    const out: LogEntry[] = [];
    for await (const e of readLog({ path, clock, exited: async () => exited }, options)) out.push(e);
    return out;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "berth-log-"));
    path = join(dir, "ctr.log");
    exited = false;
    ticks = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("joins partial records and keeps streams apart", async () => {
    writeFileSync(
      path,
      `${T}1.1Z stdout P hel\n${T}1.2Z stderr F oops\n${T}1.3Z stdout F lo\n${T}1.4Z stdout F \n`,
    );
    exited = true;
    expect(await read()).toEqual([
      { stream: "stderr", time: `${T}1.2Z`, line: "oops", partial: false },
      { stream: "stdout", time: `${T}1.1Z`, line: "hello", partial: false },
      { stream: "stdout", time: `${T}1.4Z`, line: "", partial: false },
    ]);
  });

  it("follows appended lines, including a record split across writes, until exit", async () => {
    writeFileSync(path, `${T}1Z stdout F one\n${T}2Z stdout F tw`);
    ticks.push(() => appendFileSync(path, `o\n${T}3Z stdout P thr`));
    ticks.push(() => {
      appendFileSync(path, "ee\n");
      exited = true;
    });
    const lines = (await read({ follow: true })).map((e) => [e.line, e.partial]);
    expect(lines).toEqual([
      ["one", false],
      ["two", false],
      ["three", true],
    ]);
  });

  it("follows across a size-cap rotation (a new file renamed over the log)", async () => {
    writeFileSync(path, `${T}1Z stdout F before\n`);
    ticks.push(() => {
      writeFileSync(`${path}.tmp`, `${T}2Z stdout F after\n`);
      renameSync(`${path}.tmp`, path);
      exited = true;
    });
    expect((await read({ follow: true })).map((e) => e.line)).toEqual(["before", "after"]);
  });

  it("stops following on abort", async () => {
    writeFileSync(path, `${T}1Z stdout F x\n`);
    const abort = new AbortController();
    ticks.push(() => abort.abort());
    expect((await read({ follow: true, signal: abort.signal })).map((e) => e.line)).toEqual(["x"]);
  });

  it("applies tail, stream filters, since/until and timestamps", async () => {
    writeFileSync(
      path,
      [1, 2, 3, 4].map((i) => `${T}${i}.000000001Z stdout F o${i}\n${T}${i}.5Z stderr F e${i}\n`).join(""),
    );
    exited = true;
    expect((await read({ tail: 3 })).map((e) => e.line)).toEqual(["e3", "o4", "e4"]);
    expect((await read({ stderr: true, tail: 1 })).map((e) => e.line)).toEqual(["e4"]);
    const since = Date.parse(`${T}2Z`);
    const until = Date.parse(`${T}3Z`);
    expect((await read({ since, until })).map((e) => e.line)).toEqual(["o2", "e2"]);
    expect((await read({ stdout: true, tail: 1, timestamps: true }))[0]?.line).toBe(`${T}4.000000001Z o4`);
  });

  it("reads nothing from a log that does not exist yet", async () => {
    exited = true;
    expect(await read()).toEqual([]);
  });
});
