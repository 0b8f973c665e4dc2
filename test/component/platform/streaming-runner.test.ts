import { describe, expect, it } from "vitest";
import { nodeStreamingRunner } from "../../../src/platform/streaming-runner.js";

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}

async function run(
  argv: string[],
  stdin?: AsyncIterable<Uint8Array>,
): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await nodeStreamingRunner().stream(argv, {
    onStdout: (chunk) => {
      out += chunk;
    },
    ...(stdin ? { stdin } : {}),
  });
  return { code, out };
}

describe("nodeStreamingRunner output", () => {
  it("delivers the child's bytes exactly, also those that are not UTF-8", async () => {
    const got: Buffer[] = [];
    const code = await nodeStreamingRunner().stream(["printf", "\\377\\376\\000\\200\\342\\202"], {
      onStdout: (chunk) => got.push(chunk),
    });
    expect(code).toBe(0);
    expect([...Buffer.concat(got)]).toEqual([0xff, 0xfe, 0x00, 0x80, 0xe2, 0x82]);
  });
});

describe("nodeStreamingRunner stdin", () => {
  it("feeds the iterable to the child's stdin and closes it at the end", async () => {
    expect(await run(["sh", "-c", "cat; exit 4"], chunks("a\n", "b\n"))).toEqual({ code: 4, out: "a\nb\n" });
  });

  it("gives an empty stdin without an iterable", async () => {
    expect(await run(["wc", "-c"])).toEqual({ code: 0, out: "0\n" });
  });

  it("carries a large input through back-pressure", async () => {
    const parts = Array.from({ length: 64 }, () => "y".repeat(32 * 1024));
    expect(await run(["wc", "-c"], chunks(...parts))).toEqual({ code: 0, out: `${64 * 32 * 1024}\n` });
  });

  it("ends when the child exits without reading, even if the input never ends", async () => {
    let released = false;
    const release = new AbortController();
    async function* endless(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.alloc(256 * 1024, "z");
        await new Promise((resolve) => release.signal.addEventListener("abort", resolve));
      } finally {
        released = true;
      }
    }
    try {
      expect(await run(["sh", "-c", "exit 2"], endless())).toEqual({ code: 2, out: "" });
      expect(await run(["head", "-c", "3"], endless())).toEqual({ code: 0, out: "zzz" });
    } finally {
      release.abort();
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(released).toBe(true);
  });
});
