import { describe, expect, it } from "vitest";
import { parsePortKey } from "../../../../src/network/ports/port-spec.js";

describe("parsePortKey", () => {
  it.each([
    ["80/tcp", { port: 80, protocol: "tcp" }],
    ["53/udp", { port: 53, protocol: "udp" }],
    ["9000/SCTP", { port: 9000, protocol: "sctp" }],
    ["8080", { port: 8080, protocol: "tcp" }],
  ])("%s", (text, expected) => {
    expect(parsePortKey(text)).toEqual(expected);
  });

  it.each(["", "80/icmp", "0/tcp", "65536", "x/tcp"])("rejects %j", (text) => {
    expect(() => parsePortKey(text)).toThrow(`invalid port ${JSON.stringify(text)}`);
  });
});
