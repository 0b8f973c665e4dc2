import { describe, expect, it } from "vitest";
import { parseExpose, parsePublish } from "../../../../src/app/networks/publish-spec.js";

const p = (port: string, hostIp: string, hostPort: string) => ({ port, hostIp, hostPort });

describe("parsePublish: -p as Docker's CLI reads it", () => {
  it.each([
    ["80", [p("80/tcp", "", "")]],
    ["8080:80", [p("80/tcp", "", "8080")]],
    ["0:80", [p("80/tcp", "", "0")]],
    [":80", [p("80/tcp", "", "")]],
    ["127.0.0.1:8081:81/udp", [p("81/udp", "127.0.0.1", "8081")]],
    ["127.0.0.1::60", [p("60/tcp", "127.0.0.1", "")]],
    ["8080:80/TCP", [p("80/tcp", "", "8080")]],
    ["80/sctp", [p("80/sctp", "", "")]],
    ["[::1]:8080:80", [p("80/tcp", "::1", "8080")]],
    ["::1:8080:80", [p("80/tcp", "::1", "8080")]],
    ["8000-8002:90-92", [p("90/tcp", "", "8000"), p("91/tcp", "", "8001"), p("92/tcp", "", "8002")]],
    ["9000-9002:50", [p("50/tcp", "", "9000-9002")]],
    ["80-82", [p("80/tcp", "", ""), p("81/tcp", "", ""), p("82/tcp", "", "")]],
    ["1.2.3.4::80-81", [p("80/tcp", "1.2.3.4", ""), p("81/tcp", "1.2.3.4", "")]],
    ["target=80,published=8080,protocol=udp", [p("80/udp", "", "8080")]],
    ["target=80", [p("80/tcp", "", "")]],
    ["target=80,published=8080,host_ip=127.0.0.1,mode=host", [p("80/tcp", "127.0.0.1", "8080")]],
  ])("%s", (text, expected) => {
    expect(parsePublish(text)).toEqual(expected);
  });

  it.each([
    ["abc", 'invalid argument "abc" for "-p, --publish" flag: invalid containerPort: abc'],
    ["80:abc", "invalid containerPort: abc"],
    ["70000", "invalid containerPort: 70000"],
    ["8080-8081:80-82", "invalid ranges specified for container and host Ports: 80-82 and 8080-8081"],
    ["1.2.3.4:80", "invalid hostPort: 1.2.3.4"],
    ["80/xyz", "invalid proto: xyz"],
    ["80:", "no port specified: 80:<empty>"],
    ["", "no port specified: <empty>"],
    ["8080:80:90:1", "invalid IP address: 8080:80"],
    ["a:b:c", "invalid IP address: a"],
    ["target=80,color=red", "invalid field key color"],
    ["published=80", "missing mandatory field 'target'"],
  ])("refuses %j", (text, message) => {
    expect(() => parsePublish(text)).toThrow(message);
  });
});

describe("parseExpose", () => {
  it("takes ports, ranges and protocols", () => {
    expect(parseExpose("3000")).toEqual(["3000/tcp"]);
    expect(parseExpose("4000-4001/udp")).toEqual(["4000/udp", "4001/udp"]);
  });

  it("names the flag and value of a bad one", () => {
    expect(() => parseExpose("80-x")).toThrow(
      'invalid argument "80-x" for "--expose" flag: invalid range format for --expose: 80-x',
    );
    expect(() => parseExpose("80/foo")).toThrow("invalid proto: foo");
  });
});
