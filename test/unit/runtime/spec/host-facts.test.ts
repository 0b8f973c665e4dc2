import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES } from "../../../../src/runtime/spec/capabilities.js";
import {
  boundingCapabilitiesFromStatus,
  capabilitiesFromMask,
  parseProcLimits,
} from "../../../../src/runtime/spec/host-facts.js";
import { RLIM_INFINITY } from "../../../../src/runtime/spec/resources.js";
import { DEFAULT_CAPS_IN_KERNEL_ORDER } from "./default-caps.js";

// /proc/self/limits of the engine on the project's CI machine.
const limits = `Limit                     Soft Limit           Hard Limit           Units     
Max cpu time              unlimited            unlimited            seconds   
Max file size             unlimited            unlimited            bytes     
Max data size             unlimited            unlimited            bytes     
Max stack size            8388608              unlimited            bytes     
Max core file size        0                    unlimited            bytes     
Max resident set          unlimited            unlimited            bytes     
Max processes             96343                96343                processes 
Max open files            20000                20000                files     
Max locked memory         8388608              8388608              bytes     
Max address space         unlimited            unlimited            bytes     
Max file locks            unlimited            unlimited            locks     
Max pending signals       96343                96343                signals   
Max msgqueue size         819200               819200               bytes     
Max nice priority         0                    0                    
Max realtime priority     0                    0                    
Max realtime timeout      unlimited            unlimited            us        
`;

describe("parseProcLimits", () => {
  it("reads every hard limit, unlimited as RLIM_INFINITY, sorted by name", () => {
    expect(parseProcLimits(limits)).toEqual({
      as: RLIM_INFINITY,
      core: RLIM_INFINITY,
      cpu: RLIM_INFINITY,
      data: RLIM_INFINITY,
      fsize: RLIM_INFINITY,
      locks: RLIM_INFINITY,
      memlock: 8388608,
      msgqueue: 819200,
      nice: 0,
      nofile: 20000,
      nproc: 96343,
      rss: RLIM_INFINITY,
      rtprio: 0,
      rttime: RLIM_INFINITY,
      sigpending: 96343,
      stack: RLIM_INFINITY,
    });
    expect(Object.keys(parseProcLimits(limits))).toEqual(Object.keys(parseProcLimits(limits)).sort());
  });

  it("ignores text it does not know", () => {
    expect(parseProcLimits("garbage\nMax weird thing   1   2   x\n")).toEqual({});
  });
});

describe("capabilities of the engine", () => {
  it("decodes a CapBnd mask without CAP_SYS_RESOURCE (bit 24), as on the CI machine", () => {
    const caps = capabilitiesFromMask("000001fffeffffff");
    expect(caps).toHaveLength(40);
    expect(caps).not.toContain("CAP_SYS_RESOURCE");
    expect(caps.at(-1)).toBe("CAP_CHECKPOINT_RESTORE");
  });

  it("decodes small masks bit by bit", () => {
    expect(capabilitiesFromMask("1")).toEqual(["CAP_CHOWN"]);
    expect(capabilitiesFromMask("0000000000002001")).toEqual(["CAP_CHOWN", "CAP_NET_RAW"]);
    expect(capabilitiesFromMask("0")).toEqual([]);
  });

  it("reads CapBnd from /proc/self/status, all when absent", () => {
    const status = "Name:\tnode\nCapInh:\t0000000000000000\nCapBnd:\t00000000a80425fb\nCapAmb:\t0\n";
    expect(boundingCapabilitiesFromStatus(status)).toEqual(DEFAULT_CAPS_IN_KERNEL_ORDER);
    expect(boundingCapabilitiesFromStatus("Name:\tx\n")).toEqual([...ALL_CAPABILITIES]);
  });
});
