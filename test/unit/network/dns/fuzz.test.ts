import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeMessage,
  decodeQuery,
  encodeQuery,
  encodeResponse,
} from "../../../../src/network/dns/codec.js";
import { Rcode } from "../../../../src/network/dns/wire.js";

const label = fc.string({
  unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 63,
});
const labels = fc.array(label, { maxLength: 3 });
const queryInput = fc.record({
  id: fc.integer({ min: 0, max: 0xffff }),
  labels,
  type: fc.integer({ min: 0, max: 0xffff }),
  edns: fc.option(fc.record({ udpSize: fc.integer({ min: 0, max: 0xffff }) }), { nil: undefined }),
});

describe("codec fuzz", () => {
  it("decodeQuery never throws on arbitrary bytes, and every reply it makes decodes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const decoded = decodeQuery(bytes);
        if (decoded.kind === "reply") expect(decodeMessage(decoded.bytes).header.response).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("decodeQuery never throws on valid queries with bytes flipped, cut or appended", () => {
    const mutated = fc
      .tuple(
        queryInput,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat(),
        fc.uint8Array({ maxLength: 8 }),
      )
      .map(([input, flips, cut, tail]) => {
        const bytes = Uint8Array.from(encodeQuery(input));
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        return Uint8Array.from([...bytes.slice(0, bytes.length - (cut % 6)), ...tail]);
      });
    fc.assert(
      fc.property(mutated, (bytes) => {
        const decoded = decodeQuery(bytes);
        expect(["query", "reply", "drop"]).toContain(decoded.kind);
        if (decoded.kind === "query") {
          // Whatever was accepted can be answered.
          const answer = decodeMessage(
            encodeResponse({ query: decoded.query, rcode: Rcode.NXDOMAIN, maxSize: 512 }),
          );
          expect(answer.header.id).toBe(decoded.query.id);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("round-trips every encodable query", () => {
    fc.assert(
      fc.property(queryInput, (input) => {
        const decoded = decodeQuery(encodeQuery(input));
        expect(decoded.kind).toBe("query");
        if (decoded.kind !== "query") return;
        expect(decoded.query.id).toBe(input.id);
        expect(decoded.query.question.labels).toEqual(input.labels);
        expect(decoded.query.question.type).toBe(input.type);
        expect(decoded.query.edns?.udpSize).toBe(input.edns?.udpSize);
        // The answer echoes the question byte for byte.
        const answer = decodeMessage(encodeResponse({ query: decoded.query, rcode: Rcode.NOERROR }));
        expect(answer.questions).toEqual([decoded.query.question]);
      }),
      { numRuns: 1000 },
    );
  });
});
