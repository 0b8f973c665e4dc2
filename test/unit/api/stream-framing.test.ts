import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFrames, encodeFrame, FrameDecoder, FramingError } from "../../../src/api/index.js";

describe("multiplexed stream framing", () => {
  it("encodes the 8-byte header: stream id, three zero bytes, big-endian length", () => {
    const frame = encodeFrame("stderr", Buffer.from("hi\n"));
    expect([...frame]).toEqual([2, 0, 0, 0, 0, 0, 0, 3, 0x68, 0x69, 0x0a]);
    expect([...encodeFrame("stdout", Buffer.alloc(0))]).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(encodeFrame("stdout", Buffer.alloc(0x010203)).readUInt32BE(4)).toBe(0x010203);
  });

  it("decodes frames split at any byte boundary", () => {
    const wire = Buffer.concat([
      encodeFrame("stdout", Buffer.from("one")),
      encodeFrame("stderr", Buffer.from("two")),
    ]);
    for (let cut = 0; cut <= wire.length; cut++) {
      const decoder = new FrameDecoder();
      const frames = [...decoder.push(wire.subarray(0, cut)), ...decoder.push(wire.subarray(cut))];
      decoder.end();
      expect(frames.map((f) => [f.stream, f.data.toString()])).toEqual([
        ["stdout", "one"],
        ["stderr", "two"],
      ]);
    }
  });

  it("round-trips any sequence of frames however the bytes are chunked", async () => {
    const frameArb = fc.record({
      stream: fc.constantFrom("stdout" as const, "stderr" as const, "stdin" as const),
      data: fc.uint8Array({ maxLength: 64 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(frameArb, { maxLength: 8 }),
        fc.integer({ min: 1, max: 13 }),
        async (frames, size) => {
          const wire = Buffer.concat(frames.map((f) => encodeFrame(f.stream, f.data)));
          async function* chunks() {
            for (let i = 0; i < wire.length; i += size) yield wire.subarray(i, i + size);
          }
          const decoded = [];
          for await (const frame of decodeFrames(chunks()))
            decoded.push({ stream: frame.stream, data: [...frame.data] });
          expect(decoded).toEqual(frames.map((f) => ({ stream: f.stream, data: [...f.data] })));
        },
      ),
    );
  });

  it("rejects unknown stream ids, non-zero padding and truncated input", () => {
    expect(() => new FrameDecoder().push(Buffer.from([9, 0, 0, 0, 0, 0, 0, 0]))).toThrow(FramingError);
    expect(() => new FrameDecoder().push(Buffer.from([1, 0, 1, 0, 0, 0, 0, 0]))).toThrow(/padding/);
    const decoder = new FrameDecoder();
    decoder.push(encodeFrame("stdout", Buffer.from("abc")).subarray(0, 9));
    expect(() => decoder.end()).toThrow(/inside a frame/);
  });
});
