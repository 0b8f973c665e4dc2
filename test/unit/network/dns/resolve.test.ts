import { describe, expect, it } from "vitest";
import { type DnsQuery, decodeMessage, decodeQuery, encodeQuery } from "../../../../src/network/dns/codec.js";
import {
  type DnsLookup,
  type DnsReverse,
  ipToPtrName,
  lookupName,
  ptrNameToIp,
  type Resolution,
  RoundRobin,
  resolveLocally,
} from "../../../../src/network/dns/resolve.js";
import { DnsType, nameToLabels, Rcode } from "../../../../src/network/dns/wire.js";

const peers = { serverIp: "10.213.0.1", clientIp: "10.213.0.5" };
const names: Record<string, string[]> = {
  web: ["10.213.0.2", "10.213.0.3", "10.213.0.4"],
  db: ["10.213.0.9"],
  empty: [],
};
const asked: string[] = [];
const lookup: DnsLookup = ({ name }) => {
  asked.push(name);
  const addresses = names[name];
  return { known: addresses !== undefined, addresses: addresses ?? [] };
};
const reverse: DnsReverse = ({ ip }) => (ip === "10.213.0.9" ? "db.backend" : undefined);

function query(name: string, type: number, id = 1): DnsQuery {
  const decoded = decodeQuery(encodeQuery({ id, labels: nameToLabels(name), type }));
  if (decoded.kind !== "query") throw new Error("bad test query");
  return decoded.query;
}

function resolve(name: string, type: number, roundRobin = new RoundRobin()): Resolution {
  return resolveLocally({ query: query(name, type), peers, lookup, reverse, roundRobin, maxSize: 512 });
}

function answered(resolution: Resolution): {
  rcode: number;
  aa: boolean;
  records: [number, number, number[]][];
} {
  if (resolution.kind !== "answer") throw new Error(`forwarded: ${resolution.reason}`);
  const message = decodeMessage(resolution.bytes);
  return {
    rcode: message.header.rcode,
    aa: message.header.authoritative,
    records: message.answers.map((r) => [r.type, r.ttl, [...r.data]]),
  };
}

describe("resolveLocally", () => {
  it("answers A for a known name, case-insensitively, TTL 600, authoritative", () => {
    asked.length = 0;
    expect(answered(resolve("DB.", DnsType.A))).toEqual({
      rcode: Rcode.NOERROR,
      aa: true,
      records: [[DnsType.A, 600, [10, 213, 0, 9]]],
    });
    expect(asked).toEqual(["db"]);
  });

  it("rotates the order of several addresses on every query of the name", () => {
    const roundRobin = new RoundRobin();
    const firsts = [0, 1, 2, 3].map((i) => {
      const [first] = answered(resolve(i % 2 === 0 ? "web" : "WEB", DnsType.A, roundRobin)).records;
      return first?.[2].join(".");
    });
    expect(firsts).toEqual(["10.213.0.2", "10.213.0.3", "10.213.0.4", "10.213.0.2"]);
    const all = answered(resolve("web", DnsType.A, roundRobin)).records.map((r) => r[2].join("."));
    expect([...all].sort()).toEqual(names.web);
  });

  it("answers NOERROR with no records for AAAA and other types of a known name, and for a known name without addresses", () => {
    for (const type of [DnsType.AAAA, DnsType.MX, DnsType.TXT, DnsType.ANY]) {
      expect(answered(resolve("web", type))).toEqual({ rcode: Rcode.NOERROR, aa: true, records: [] });
    }
    expect(answered(resolve("empty", DnsType.A))).toEqual({ rcode: Rcode.NOERROR, aa: true, records: [] });
  });

  it("forwards unknown names of any type", () => {
    expect(resolve("example.com", DnsType.A)).toEqual({
      kind: "forward",
      reason: "unknown name example.com",
    });
    expect(resolve("example.com", DnsType.AAAA).kind).toBe("forward");
  });

  it("answers PTR for a known container IP and forwards other reverse names", () => {
    expect(answered(resolve("9.0.213.10.in-addr.arpa", DnsType.PTR)).records).toEqual([
      [
        DnsType.PTR,
        600,
        [
          2,
          ..."db".split("").map((c) => c.charCodeAt(0)),
          7,
          ..."backend".split("").map((c) => c.charCodeAt(0)),
          0,
        ],
      ],
    ]);
    expect(resolve("8.0.213.10.in-addr.arpa", DnsType.PTR).kind).toBe("forward");
  });
});

describe("names", () => {
  it("lower-cases ASCII only and escapes dots inside labels", () => {
    expect(lookupName(["WeB", "EXAMPLE"])).toBe("web.example");
    expect(lookupName(["a.b", "\u00c9"])).toBe("a\\.b.\\201");
  });

  it("maps reverse names to IPs and back", () => {
    expect(ptrNameToIp("4.3.2.1.in-addr.arpa")).toBe("1.2.3.4");
    expect(ptrNameToIp("4.3.2.1.IN-ADDR.ARPA.")).toBe("1.2.3.4");
    expect(ptrNameToIp("4.3.2.256.in-addr.arpa")).toBeUndefined();
    expect(ptrNameToIp("3.2.1.in-addr.arpa")).toBeUndefined();
    expect(ipToPtrName("10.213.0.9")).toBe("9.0.213.10.in-addr.arpa");
  });
});
