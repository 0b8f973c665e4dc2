import { describe, expect, it } from "vitest";
import {
  displayPorts,
  naturalCompare,
  portLines,
  type SummaryPort,
} from "../../../../src/app/networks/display-ports.js";

const P = (PrivatePort: number, PublicPort?: number, IP?: string, Type: SummaryPort["Type"] = "tcp") => ({
  PrivatePort,
  ...(PublicPort !== undefined ? { PublicPort } : {}),
  ...(IP !== undefined ? { IP } : {}),
  Type,
});

describe("displayPorts: ps's PORTS column", () => {
  it("is empty without ports and plain for one mapping", () => {
    expect(displayPorts([])).toBe("");
    expect(displayPorts([P(80, 8080, "0.0.0.0")])).toBe("0.0.0.0:8080->80/tcp");
  });

  // The same ports Docker's CLI 28 rendered, in its order, from the same list.
  it("collapses runs into ranges exactly as Docker's CLI does", () => {
    const ports = [
      P(8000, 8000, "0.0.0.0"),
      P(8001, 8001, "0.0.0.0"),
      P(8002, 8002, "0.0.0.0"),
      P(8000, 8000, "::"),
      P(8001, 8001, "::"),
      P(80, 8080, "0.0.0.0"),
      P(81, 8081, "0.0.0.0"),
      P(80, 8080, "::"),
      P(53, 5353, "127.0.0.1", "udp"),
      P(3000),
      P(3001),
      P(3003),
      P(4000, undefined, undefined, "udp"),
      P(90, 0, ""),
    ];
    expect(displayPorts(ports)).toBe(
      "90/tcp, 3000-3001/tcp, 3003/tcp, 4000/udp, 0.0.0.0:8000-8002->8000-8002/tcp, " +
        "[::]:8000-8001->8000-8001/tcp, 127.0.0.1:5353->53/udp, 0.0.0.0:8080->80/tcp, " +
        "[::]:8080->80/tcp, 0.0.0.0:8081->81/tcp",
    );
  });
});

describe("portLines: docker port", () => {
  const ports = {
    "80/tcp": [
      { HostIp: "0.0.0.0", HostPort: "8080" },
      { HostIp: "::", HostPort: "8080" },
    ],
    "53/udp": [{ HostIp: "127.0.0.1", HostPort: "5353" }],
    "443/tcp": null,
    "81/tcp": [],
  };

  it("lists every binding in natural order", () => {
    expect(portLines(ports)).toEqual([
      "53/udp -> 127.0.0.1:5353",
      "80/tcp -> 0.0.0.0:8080",
      "80/tcp -> [::]:8080",
    ]);
  });

  it("shows one port's addresses (tcp by default), undefined when not published", () => {
    expect(portLines(ports, "80")).toEqual(["0.0.0.0:8080", "[::]:8080"]);
    expect(portLines(ports, "53/udp")).toEqual(["127.0.0.1:5353"]);
    expect(portLines(ports, "53")).toBeUndefined();
    expect(portLines(ports, "443")).toBeUndefined();
    expect(portLines(ports, "81")).toBeUndefined();
  });

  it("sorts digit runs as numbers", () => {
    expect(["9/tcp", "10/tcp", "1/tcp"].sort(naturalCompare)).toEqual(["1/tcp", "9/tcp", "10/tcp"]);
  });
});
