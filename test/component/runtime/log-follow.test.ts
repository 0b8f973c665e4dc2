import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { followLog, type OutputPiece } from "../../../src/runtime/logs/log-follow.js";
import type { Clock } from "../../../src/shared/ports.js";

const T = "2026-01-01T00:00:0";

// Sleeps end only on abort: the follower reads again only when `until` settles (or the caller aborts).
const stoppedClock: Clock = {
  now: () => 0,
  sleep: (_ms, signal) =>
    new Promise((_resolve, reject) => {
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    }),
};

function openFiles(path: string): number {
  return readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

async function collect(pieces: AsyncIterable<OutputPiece>): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for await (const piece of pieces) out.push([piece.stream, piece.data.toString()]);
  return out;
}

describe("followLog: attach output from conmon's k8s-file", () => {
  let dir = "";
  let path = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "berth-follow-"));
    path = join(dir, "ctr.log");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function follow(history: boolean, until: Promise<unknown>, signal?: AbortSignal) {
    return followLog({
      path,
      clock: stoppedClock,
      pollMs: 50,
      history,
      until,
      ...(signal ? { signal } : {}),
    });
  }

  it("starts at the end of the log, keeps bytes as written (P without newline) and ends after until", async () => {
    writeFileSync(path, `${T}1Z stdout F before\n`);
    let end: () => void = () => {};
    const pieces = await follow(
      false,
      new Promise<void>((resolve) => {
        end = resolve;
      }),
    );
    appendFileSync(
      path,
      `${T}2Z stdout F one\n${T}3Z stdout P pro\n${T}4Z stdout P mpt\n${T}5Z stderr F err\n`,
    );
    appendFileSync(path, `${T}6Z stdout F last\n`);
    end();
    expect(await collect(pieces)).toEqual([
      ["stdout", "one\nprompt"],
      ["stderr", "err\n"],
      ["stdout", "last\n"],
    ]);
    expect(openFiles(path)).toBe(0);
  });

  it("with history starts at the first byte", async () => {
    writeFileSync(path, `${T}1Z stdout F before\n`);
    const pieces = await follow(true, Promise.resolve());
    expect(await collect(pieces)).toEqual([["stdout", "before\n"]]);
  });

  it("creates a missing log (attach before the first start) without truncating what conmon appends", async () => {
    let end: () => void = () => {};
    const pieces = await follow(
      false,
      new Promise<void>((resolve) => {
        end = resolve;
      }),
    );
    expect(existsSync(path)).toBe(true);
    appendFileSync(path, `${T}1Z stdout F first run\n`);
    end();
    expect(await collect(pieces)).toEqual([["stdout", "first run\n"]]);
  });

  it("reads a log removed meanwhile through its open file (AutoRemove) and closes it when abandoned", async () => {
    writeFileSync(path, "");
    let end: () => void = () => {};
    const pieces = await follow(
      false,
      new Promise<void>((resolve) => {
        end = resolve;
      }),
    );
    appendFileSync(path, `${T}1Z stdout F kept\n`);
    rmSync(path);
    end();
    expect(await collect(pieces)).toEqual([["stdout", "kept\n"]]);
    writeFileSync(path, "");
    const controller = new AbortController();
    await follow(false, new Promise(() => {}), controller.signal);
    expect(openFiles(path)).toBe(1);
    controller.abort();
    // the close is a thread-pool round trip: wait for it (a bound in turns of the event loop was short
    // on a loaded machine, where the pool thread may not run for a while)
    await vi.waitFor(() => expect(openFiles(path)).toBe(0), { timeout: 30_000, interval: 5 });
  });
});
