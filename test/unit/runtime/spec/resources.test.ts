import { describe, expect, it } from "vitest";
import type { ResourceLimits, UlimitSpec } from "../../../../src/runtime/spec/container-spec.js";
import type { OciResources, OciRlimit } from "../../../../src/runtime/spec/oci-types.js";
import { RLIM_INFINITY, toOciResources, toOciRlimits } from "../../../../src/runtime/spec/resources.js";

const deny = [{ allow: false, access: "rwm" }];
const MiB = 1024 * 1024;

describe("toOciResources", () => {
  const cases: { name: string; limits: ResourceLimits; swapAccounting?: boolean; want: OciResources }[] = [
    { name: "no limits: only the device rule", limits: {}, want: { devices: deny } },
    {
      name: "cpus 0.5 → quota 50000 / period 100000",
      limits: { cpus: 0.5 },
      want: { devices: deny, cpu: { period: 100000, quota: 50000 } },
    },
    {
      name: "cpus 1.5",
      limits: { cpus: 1.5 },
      want: { devices: deny, cpu: { period: 100000, quota: 150000 } },
    },
    {
      name: "cpus 0.001 rounds to 100",
      limits: { cpus: 0.001 },
      want: { devices: deny, cpu: { period: 100000, quota: 100 } },
    },
    { name: "cpus 0 means unlimited", limits: { cpus: 0 }, want: { devices: deny } },
    {
      name: "explicit quota, period, shares and cpuset",
      limits: { cpuQuota: 25000, cpuPeriod: 50000, cpuShares: 512, cpusetCpus: "0-1" },
      want: { devices: deny, cpu: { quota: 25000, period: 50000, shares: 512, cpus: "0-1" } },
    },
    {
      name: "cpu_quota -1 is kept (unlimited)",
      limits: { cpuQuota: -1 },
      want: { devices: deny, cpu: { quota: -1 } },
    },
    {
      name: "mem_limit 512m → swap defaults to twice the memory",
      limits: { memoryBytes: 512 * MiB },
      want: { devices: deny, memory: { limit: 536870912, swap: 1073741824 } },
    },
    {
      name: "memswap_limit equal to mem_limit disables swap",
      limits: { memoryBytes: 512 * MiB, memorySwapBytes: 512 * MiB },
      want: { devices: deny, memory: { limit: 536870912, swap: 536870912 } },
    },
    {
      name: "memswap_limit -1 is unlimited swap",
      limits: { memoryBytes: 64 * MiB, memorySwapBytes: -1 },
      want: { devices: deny, memory: { limit: 67108864, swap: -1 } },
    },
    {
      name: "without swap accounting no swap value is written",
      limits: { memoryBytes: 64 * MiB, memorySwapBytes: 128 * MiB },
      swapAccounting: false,
      want: { devices: deny, memory: { limit: 67108864 } },
    },
    {
      name: "mem_reservation alone",
      limits: { memoryReservationBytes: 32 * MiB },
      want: { devices: deny, memory: { reservation: 33554432 } },
    },
    { name: "mem_limit 0 means unlimited", limits: { memoryBytes: 0 }, want: { devices: deny } },
    { name: "pids_limit 100", limits: { pidsLimit: 100 }, want: { devices: deny, pids: { limit: 100 } } },
    { name: "pids_limit -1 is unlimited", limits: { pidsLimit: -1 }, want: { devices: deny } },
    { name: "pids_limit 0 is unlimited", limits: { pidsLimit: 0 }, want: { devices: deny } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const host = c.swapAccounting === undefined ? {} : { swapAccounting: c.swapAccounting };
      expect(toOciResources(c.limits, { host })).toEqual(c.want);
    });
  }

  it("privileged allows every device", () => {
    expect(toOciResources({}, { privileged: true })).toEqual({ devices: [{ allow: true, access: "rwm" }] });
  });

  const errors: { limits: ResourceLimits; message: string }[] = [
    { limits: { cpus: 1, cpuQuota: 20000 }, message: "conflicting options: cpus cannot be combined" },
    { limits: { cpus: 1, cpuPeriod: 20000 }, message: "conflicting options: cpus cannot be combined" },
    { limits: { cpus: -1 }, message: "cpus: invalid value -1" },
    { limits: { cpuQuota: 500 }, message: "cpu_quota must be at least 1000" },
    { limits: { memorySwapBytes: 100 }, message: "memswap_limit needs mem_limit" },
    {
      limits: { memoryBytes: 200, memorySwapBytes: 100 },
      message: "memswap_limit must not be below mem_limit",
    },
    { limits: { memoryBytes: -5 }, message: "mem_limit: invalid value -5" },
  ];
  for (const e of errors) {
    it(`rejects ${JSON.stringify(e.limits)}`, () => {
      expect(() => toOciResources(e.limits)).toThrow(e.message);
    });
  }
});

describe("toOciRlimits", () => {
  const host = { rlimitNofileHard: 20000 };
  const cases: { name: string; ulimits: UlimitSpec[]; want: OciRlimit[] }[] = [
    { name: "none", ulimits: [], want: [] },
    {
      name: "nofile under the host limit is kept",
      ulimits: [{ name: "nofile", soft: 1024, hard: 4096 }],
      want: [{ type: "RLIMIT_NOFILE", soft: 1024, hard: 4096 }],
    },
    {
      name: "nofile hard above the caller's is clamped, soft follows",
      ulimits: [{ name: "nofile", soft: 65536, hard: 65536 }],
      want: [{ type: "RLIMIT_NOFILE", soft: 20000, hard: 20000 }],
    },
    {
      name: "nofile unlimited becomes the host's hard limit",
      ulimits: [{ name: "nofile", soft: 1024, hard: -1 }],
      want: [{ type: "RLIMIT_NOFILE", soft: 1024, hard: 20000 }],
    },
    {
      name: "other rlimits: unlimited is RLIM_INFINITY, not clamped; sorted by name; rlimit_ prefix accepted",
      ulimits: [
        { name: "nproc", soft: 512, hard: 1024 },
        { name: "RLIMIT_CORE", soft: -1, hard: -1 },
        { name: "memlock", soft: 1024, hard: -1 },
      ],
      want: [
        { type: "RLIMIT_CORE", soft: RLIM_INFINITY, hard: RLIM_INFINITY },
        { type: "RLIMIT_MEMLOCK", soft: 1024, hard: RLIM_INFINITY },
        { type: "RLIMIT_NPROC", soft: 512, hard: 1024 },
      ],
    },
    {
      name: "a later entry of the same name wins",
      ulimits: [
        { name: "nofile", soft: 1, hard: 2 },
        { name: "NOFILE", soft: 3, hard: 4 },
      ],
      want: [{ type: "RLIMIT_NOFILE", soft: 3, hard: 4 }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(toOciRlimits(c.ulimits, host)).toEqual(c.want);
    });
  }

  it("clamps every rlimit the caller's hard limits name (memlock without CAP_SYS_RESOURCE)", () => {
    const capped = {
      rlimitNofileHard: 20000,
      rlimitHard: { memlock: 8388608, nofile: 10000, core: RLIM_INFINITY },
    };
    expect(
      toOciRlimits(
        [
          { name: "memlock", soft: -1, hard: -1 },
          { name: "nofile", soft: 65536, hard: 65536 },
          { name: "core", soft: -1, hard: -1 },
          { name: "nproc", soft: 10, hard: 99999999 },
        ],
        capped,
      ),
    ).toEqual([
      { type: "RLIMIT_CORE", soft: RLIM_INFINITY, hard: RLIM_INFINITY },
      { type: "RLIMIT_MEMLOCK", soft: 8388608, hard: 8388608 },
      { type: "RLIMIT_NOFILE", soft: 10000, hard: 10000 },
      { type: "RLIMIT_NPROC", soft: 10, hard: 99999999 },
    ]);
  });

  it("rejects unknown names, soft above hard and bad numbers", () => {
    expect(() => toOciRlimits([{ name: "files", soft: 1, hard: 1 }], host)).toThrow('unknown ulimit "files"');
    expect(() => toOciRlimits([{ name: "nproc", soft: 10, hard: 5 }], host)).toThrow(
      "ulimit nproc: soft limit 10 is above hard limit 5",
    );
    expect(() => toOciRlimits([{ name: "nproc", soft: -1, hard: 5 }], host)).toThrow(
      /soft limit -1 is above/,
    );
    expect(() => toOciRlimits([{ name: "nproc", soft: 1.5, hard: 5 }], host)).toThrow("invalid value 1.5");
  });
});
