import { describe, expect, it } from "vitest";
import { parsePortKey, parsePublish } from "../../../../src/network/ports/port-spec.js";
import { BerthError } from "../../../../src/shared/errors.js";

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

describe("parsePublish", () => {
  it.each([
    ["80", [{ containerPort: 80, protocol: "tcp" }]],
    [":80", [{ containerPort: 80, protocol: "tcp" }]],
    ["8080:80", [{ hostPort: 8080, containerPort: 80, protocol: "tcp" }]],
    ["8080:80/udp", [{ hostPort: 8080, containerPort: 80, protocol: "udp" }]],
    ["127.0.0.1:8080:80/udp", [{ hostIp: "127.0.0.1", hostPort: 8080, containerPort: 80, protocol: "udp" }]],
    ["127.0.0.1::80", [{ hostIp: "127.0.0.1", containerPort: 80, protocol: "tcp" }]],
    [
      "8000-8002:80-82",
      [
        { hostPort: 8000, containerPort: 80, protocol: "tcp" },
        { hostPort: 8001, containerPort: 81, protocol: "tcp" },
        { hostPort: 8002, containerPort: 82, protocol: "tcp" },
      ],
    ],
    [
      "0.0.0.0:53-54:53-54/udp",
      [
        { hostIp: "0.0.0.0", hostPort: 53, containerPort: 53, protocol: "udp" },
        { hostIp: "0.0.0.0", hostPort: 54, containerPort: 54, protocol: "udp" },
      ],
    ],
    [
      "7000-7001",
      [
        { containerPort: 7000, protocol: "tcp" },
        { containerPort: 7001, protocol: "tcp" },
      ],
    ],
  ])("%s", (text, expected) => {
    expect(parsePublish(text)).toEqual(expected);
  });

  it.each([
    ["", '"" is not a port number'],
    ["abc", '"abc" is not a port number'],
    ["8080:0", "port 0 is out of range 1-65535"],
    ["70000:80", "port 70000 is out of range 1-65535"],
    ["80/icmp", 'unknown protocol "icmp"'],
    ["localhost:8080:80", '"localhost" is not an IPv4 address'],
    ["1:2:3:4", "expected [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]"],
    ["8000-8001:80-82", "the host and container port ranges must have the same length"],
    ["8000-8010:80", "the host and container port ranges must have the same length"],
    ["82-80", "the range 82-80 ends before it starts"],
  ])("rejects %j naming it", (text, why) => {
    let caught: unknown;
    try {
      parsePublish(text);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BerthError);
    expect((caught as BerthError).code).toBe("INVALID_ARGUMENT");
    expect((caught as BerthError).message).toBe(`invalid published port ${JSON.stringify(text)}: ${why}`);
  });
});
