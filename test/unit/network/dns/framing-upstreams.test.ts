import { describe, expect, it } from "vitest";
import { parseUpstream } from "../../../../src/network/dns/forward.js";
import { frameMessage, TcpFramer } from "../../../../src/network/dns/tcp-framing.js";
import { upstreamsFromResolvConf } from "../../../../src/network/dns/upstreams.js";

describe("TcpFramer", () => {
  it("splits length-prefixed messages whatever the chunk boundaries", () => {
    const a = Uint8Array.from([1, 2, 3]);
    const b = Uint8Array.from([4]);
    const stream = Uint8Array.from([
      ...frameMessage(a),
      ...frameMessage(b),
      ...frameMessage(new Uint8Array(0)),
    ]);
    for (let cut = 0; cut <= stream.length; cut += 1) {
      const framer = new TcpFramer();
      const messages = [...framer.push(stream.slice(0, cut)), ...framer.push(stream.slice(cut))];
      expect(messages).toEqual([a, b, new Uint8Array(0)]);
      expect(framer.pending()).toBe(0);
    }
  });

  it("keeps an incomplete message until the rest arrives", () => {
    const framer = new TcpFramer();
    expect(framer.push(Uint8Array.from([0, 5, 1, 2]))).toEqual([]);
    expect(framer.pending()).toBe(4);
    expect(framer.push(Uint8Array.from([3, 4, 5, 0]))).toEqual([Uint8Array.from([1, 2, 3, 4, 5])]);
    expect(framer.pending()).toBe(1);
  });

  it("refuses to frame more than 65535 bytes", () => {
    expect(() => frameMessage(new Uint8Array(65536))).toThrow(RangeError);
  });
});

describe("upstreams", () => {
  it("parses ip and ip:port, IPv4 only", () => {
    expect(parseUpstream("10.0.0.1")).toEqual({ host: "10.0.0.1", port: 53 });
    expect(parseUpstream(" 127.0.0.1:5353 ")).toEqual({ host: "127.0.0.1", port: 5353 });
    for (const bad of ["::1", "10.0.0.1:0", "10.0.0.1:70000", "example.com", "10.0.0", ""]) {
      expect(parseUpstream(bad)).toBeUndefined();
    }
  });

  it("reads the IPv4 nameservers of a resolv.conf in order, once each", () => {
    const text = [
      "# generated",
      "search example.com",
      "nameserver 10.0.0.2",
      "nameserver   fe80::1",
      "; nameserver 10.9.9.9",
      "nameserver 127.0.0.53",
      "nameserver 10.0.0.2",
      "options ndots:0",
      "",
    ].join("\n");
    expect(upstreamsFromResolvConf(text)).toEqual(["10.0.0.2", "127.0.0.53"]);
  });
});
