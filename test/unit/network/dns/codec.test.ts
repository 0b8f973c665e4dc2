import { describe, expect, it } from "vitest";
import {
  type DnsQuery,
  decodeMessage,
  decodeQuery,
  encodeQuery,
  encodeResponse,
  messageId,
  udpLimit,
  withMessageId,
} from "../../../../src/network/dns/codec.js";
import { DnsType, Rcode } from "../../../../src/network/dns/wire.js";

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ""), "hex"));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

// id 0x1234, RD, one question: web. A IN
const webQuery = hex("1234 0100 0001 0000 0000 0000 03776562 00 0001 0001");

function queryOf(bytes: Uint8Array): DnsQuery {
  const decoded = decodeQuery(bytes);
  if (decoded.kind !== "query") throw new Error(`not a query: ${decoded.kind} ${decoded.reason}`);
  return decoded.query;
}

describe("decodeQuery", () => {
  it("reads the id, flags and question of a known query", () => {
    expect(queryOf(webQuery)).toEqual({
      id: 0x1234,
      opcode: 0,
      recursionDesired: true,
      checkingDisabled: false,
      question: { labels: ["web"], name: "web", type: DnsType.A, class: 1 },
    });
  });

  it("encodeQuery writes exactly those bytes", () => {
    expect(toHex(encodeQuery({ id: 0x1234, labels: ["web"], type: DnsType.A }))).toBe(toHex(webQuery));
  });

  it("follows compression pointers in the question and in additional records", () => {
    // "www" then a pointer to offset 4: the high byte of QDCOUNT, a 0x00 that ends the name.
    expect(queryOf(hex("0001 0100 0001 0000 0000 0000 03777777 c004 0001 0001")).question.name).toBe("www");
    // An additional record whose owner name points at the question's name.
    const withRecord = hex(
      "0002 0100 0001 0000 0000 0001 03776562 00 0001 0001 c00c 0001 0001 00000258 0004 0a000001",
    );
    expect(queryOf(withRecord).question.name).toBe("web");
    const message = decodeMessage(withRecord);
    expect(message.additionals[0]).toMatchObject({ name: "web", type: DnsType.A, ttl: 600 });
    expect(message.additionals[0]?.data).toEqual(Uint8Array.from([10, 0, 0, 1]));
  });

  it("answers FORMERR to looping and forward pointers", () => {
    const looping = hex("0003 0100 0001 0000 0000 0000 c00c 0001 0001");
    const forward = hex("0004 0100 0001 0000 0000 0000 c00e 0001 0001 00");
    for (const bytes of [looping, forward]) {
      const decoded = decodeQuery(bytes);
      expect(decoded.kind).toBe("reply");
      if (decoded.kind === "reply") expect(decodeMessage(decoded.bytes).header.rcode).toBe(Rcode.FORMERR);
    }
  });

  it("keeps the question's case and tolerates EDNS in the additional section", () => {
    const bytes = encodeQuery({
      id: 7,
      labels: ["WeB", "Local"],
      type: DnsType.AAAA,
      edns: { udpSize: 1232 },
    });
    const query = queryOf(bytes);
    expect(query.question).toEqual({
      labels: ["WeB", "Local"],
      name: "WeB.Local",
      type: DnsType.AAAA,
      class: 1,
    });
    expect(query.edns).toEqual({ udpSize: 1232, version: 0, dnssecOk: false });
    expect(udpLimit(query)).toBe(1232);
  });

  it("drops what is not a query and answers garbage with FORMERR, other opcodes with NOTIMP", () => {
    expect(decodeQuery(hex("1234 0100 0001")).kind).toBe("drop");
    expect(decodeQuery(withResponseBit(webQuery)).kind).toBe("drop");
    const truncated = decodeQuery(webQuery.slice(0, 18));
    expect(truncated.kind).toBe("reply");
    if (truncated.kind === "reply") {
      expect(decodeMessage(truncated.bytes).header).toMatchObject({
        id: 0x1234,
        response: true,
        rcode: Rcode.FORMERR,
      });
    }
    const noQuestion = decodeQuery(hex("4321 0100 0000 0000 0000 0000"));
    expect(noQuestion.kind === "reply" && decodeMessage(noQuestion.bytes).header.rcode).toBe(Rcode.FORMERR);
    const update = Uint8Array.from(webQuery);
    update[2] = 0x28; // opcode 5 (UPDATE)
    const notimp = decodeQuery(update);
    expect(notimp.kind === "reply" && decodeMessage(notimp.bytes).header.rcode).toBe(Rcode.NOTIMP);
  });

  it("rejects two OPT records with FORMERR", () => {
    const bytes = hex(
      "0009 0100 0001 0000 0000 0002 03776562 00 0001 0001 00 0029 0200 00000000 0000 00 0029 0200 00000000 0000",
    );
    const decoded = decodeQuery(bytes);
    expect(decoded.kind === "reply" && decodeMessage(decoded.bytes).header.rcode).toBe(Rcode.FORMERR);
  });
});

function withResponseBit(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[2] = (copy[2] ?? 0) | 0x80;
  return copy;
}

describe("encodeResponse", () => {
  it("writes the exact bytes of an A answer with TTL 600 (owner name compressed to the question)", () => {
    const bytes = encodeResponse({
      query: queryOf(webQuery),
      rcode: Rcode.NOERROR,
      authoritative: true,
      answers: [{ type: "A", address: "10.0.0.2", ttl: 600 }],
    });
    expect(toHex(bytes)).toBe(
      toHex(hex("1234 8580 0001 0001 0000 0000 03776562 00 0001 0001 c00c 0001 0001 00000258 0004 0a000002")),
    );
  });

  it("answers NOERROR empty, NXDOMAIN, SERVFAIL and REFUSED with the question echoed", () => {
    const query = queryOf(webQuery);
    for (const rcode of [Rcode.NOERROR, Rcode.NXDOMAIN, Rcode.SERVFAIL, Rcode.REFUSED]) {
      const message = decodeMessage(encodeResponse({ query, rcode }));
      expect(message.header).toMatchObject({ id: 0x1234, response: true, rcode, recursionDesired: true });
      expect(message.questions).toEqual([query.question]);
      expect(message.answers).toEqual([]);
    }
  });

  it("round-trips A and PTR records", () => {
    const query = queryOf(encodeQuery({ id: 99, labels: ["Db"], type: DnsType.A }));
    const message = decodeMessage(
      encodeResponse({
        query,
        rcode: Rcode.NOERROR,
        answers: [
          { type: "A", address: "10.213.0.2", ttl: 600 },
          { type: "A", address: "10.213.0.3", ttl: 600 },
          { type: "PTR", labels: ["db", "net"], ttl: 600 },
        ],
      }),
    );
    expect(message.answers.map((r) => [r.name, r.type, r.ttl, [...r.data]])).toEqual([
      ["Db", DnsType.A, 600, [10, 213, 0, 2]],
      ["Db", DnsType.A, 600, [10, 213, 0, 3]],
      ["Db", DnsType.PTR, 600, [2, 100, 98, 3, 110, 101, 116, 0]],
    ]);
  });

  it("echoes an OPT record when the query had one", () => {
    const query = queryOf(encodeQuery({ id: 5, labels: ["web"], type: DnsType.A, edns: { udpSize: 1232 } }));
    const message = decodeMessage(encodeResponse({ query, rcode: Rcode.NOERROR }));
    expect(message.additionals.map((r) => [r.type, r.class])).toEqual([[DnsType.OPT, 4096]]);
  });

  it("leaves out records that do not fit and sets TC", () => {
    const query = queryOf(webQuery);
    const answers = Array.from({ length: 40 }, (_, i) => ({
      type: "A" as const,
      address: `10.0.${i}.1`,
      ttl: 600,
    }));
    const bytes = encodeResponse({ query, rcode: Rcode.NOERROR, answers, maxSize: udpLimit(query) });
    const message = decodeMessage(bytes);
    expect(bytes.length).toBeLessThanOrEqual(512);
    expect(message.header.truncated).toBe(true);
    expect(message.answers.length).toBe(Math.floor((512 - 21) / 16));
    expect(decodeMessage(encodeResponse({ query, rcode: 0, answers })).header.truncated).toBe(false);
  });
});

describe("message ids", () => {
  it("reads and replaces the id without touching the rest", () => {
    expect(messageId(webQuery)).toBe(0x1234);
    const copy = withMessageId(webQuery, 0xbeef);
    expect(messageId(copy)).toBe(0xbeef);
    expect(copy.slice(2)).toEqual(webQuery.slice(2));
    expect(messageId(webQuery)).toBe(0x1234);
  });
});
