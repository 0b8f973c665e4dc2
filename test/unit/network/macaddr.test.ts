import { describe, expect, it } from "vitest";
import { macFor, validateMac } from "../../../src/network/macaddr.js";

describe("macFor", () => {
  it.each([
    ["172.17.0.2", "02:42:ac:11:00:02"],
    ["10.213.0.1", "02:42:0a:d5:00:01"],
    ["255.255.255.254", "02:42:ff:ff:ff:fe"],
  ])("%s → %s", (ip, mac) => {
    expect(macFor(ip)).toBe(mac);
  });

  it("rejects a bad address", () => {
    expect(() => macFor("10.0.0")).toThrow("invalid IPv4 address");
  });
});

describe("validateMac", () => {
  it.each([
    ["02:42:AC:11:00:02", "02:42:ac:11:00:02"],
    ["92-d0-c6-0a-29-33", "92:d0:c6:0a:29:33"],
    [" aa:bb:cc:dd:ee:ff ", "aa:bb:cc:dd:ee:ff"],
  ])("%j → %s", (text, mac) => {
    expect(validateMac(text)).toBe(mac);
  });

  it.each([
    "",
    "02:42:ac:11:00",
    "02:42:ac:11:00:02:03",
    "02:42:ac:11:00:0g",
    "02:42-ac:11:00:02",
    "0242ac110002",
  ])("rejects %j naming it", (text) => {
    expect(() => validateMac(text)).toThrow(`invalid MAC address: ${text}`);
  });
});
