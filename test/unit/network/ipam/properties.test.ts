import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateAddress } from "../../../../src/network/ipam/allocate-address.js";
import { planIpam } from "../../../../src/network/ipam/ipam-config.js";
import { pickSubnet } from "../../../../src/network/ipam/pick-subnet.js";
import {
  cidrContains,
  cidrHosts,
  cidrsOverlap,
  formatCidr,
  formatIpv4,
  normalizeCidr,
  parseCidr,
  parseIpv4,
} from "../../../../src/network/ipv4.js";

const address = fc.integer({ min: 0, max: 0xffffffff }).map(formatIpv4);
const cidr = fc
  .record({ ip: address, prefix: fc.integer({ min: 0, max: 32 }) })
  .map(({ ip, prefix }) => normalizeCidr(`${ip}/${prefix}`));

describe("IPv4 properties", () => {
  it("parse and format are inverse", () => {
    fc.assert(fc.property(address, (ip) => formatIpv4(parseIpv4(ip)) === ip));
  });

  it("overlap is symmetric and equals 'one contains the other's network address'", () => {
    fc.assert(
      fc.property(cidr, cidr, (a, b) => {
        const expected =
          cidrContains(a, formatIpv4(parseCidr(b).network)) ||
          cidrContains(b, formatIpv4(parseCidr(a).network));
        return cidrsOverlap(a, b) === cidrsOverlap(b, a) && cidrsOverlap(a, b) === expected;
      }),
    );
  });

  it("a CIDR contains its hosts and broadcast, and its normal form is stable", () => {
    fc.assert(
      fc.property(cidr, (c) => {
        const { first, last, broadcast } = cidrHosts(c);
        return (
          cidrContains(c, first) &&
          cidrContains(c, last) &&
          cidrContains(c, broadcast) &&
          normalizeCidr(c) === c &&
          formatCidr(parseCidr(c)) === c
        );
      }),
    );
  });
});

describe("IPAM properties", () => {
  it("pickSubnet never returns a subnet overlapping a taken one", () => {
    const taken = fc.array(
      fc
        .record({ third: fc.integer({ min: 0, max: 255 }), prefix: fc.integer({ min: 20, max: 32 }) })
        .map(({ third, prefix }) => normalizeCidr(`10.213.${third}.7/${prefix}`)),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(taken, (list) => {
        const picked = pickSubnet({ pools: [{ base: "10.213.0.0/16", size: 24 }], taken: list });
        expect(list.some((t) => cidrsOverlap(t, picked))).toBe(false);
      }),
    );
  });

  it("allocation fills a small network with distinct, non-reserved hosts until it is full", () => {
    fc.assert(
      fc.property(fc.integer({ min: 24, max: 30 }), fc.integer({ min: 0, max: 3 }), (prefix, auxCount) => {
        const plan = planIpam(
          {
            subnet: `10.1.0.0/${prefix}`,
            auxAddresses: Object.fromEntries(
              Array.from({ length: Math.min(auxCount, 2 ** (32 - prefix) - 3) }, (_, i) => [
                `a${i}`,
                `10.1.0.${i + 2}`,
              ]),
            ),
          },
          () => "unused",
        );
        const used = new Set<string>();
        const reserved = new Set([plan.gateway, ...Object.values(plan.auxAddresses)]);
        for (;;) {
          let ip: string;
          try {
            ip = allocateAddress({ plan, used });
          } catch {
            break;
          }
          expect(used.has(ip) || reserved.has(ip)).toBe(false);
          expect(cidrContains(plan.subnet, ip)).toBe(true);
          used.add(ip);
        }
        expect(used.size).toBe(2 ** (32 - prefix) - 2 - reserved.size);
      }),
      { numRuns: 30 },
    );
  });
});
