import { ALL_CAPABILITIES } from "./capabilities.js";
import type { OciRlimitValue } from "./oci-types.js";
import { RLIM_INFINITY } from "./resources.js";

// Parsers for what the engine reads about itself (/proc/self/status, /proc/self/limits) before it
// translates specs: runc cannot give a container more than its caller has (a missing CAP_SYS_RESOURCE
// makes any raised hard rlimit fail with EPERM, and any capability outside the bounding set too).

const limitRows: Record<string, string> = {
  "max cpu time": "cpu",
  "max file size": "fsize",
  "max data size": "data",
  "max stack size": "stack",
  "max core file size": "core",
  "max resident set": "rss",
  "max processes": "nproc",
  "max open files": "nofile",
  "max locked memory": "memlock",
  "max address space": "as",
  "max file locks": "locks",
  "max pending signals": "sigpending",
  "max msgqueue size": "msgqueue",
  "max nice priority": "nice",
  "max realtime priority": "rtprio",
  "max realtime timeout": "rttime",
};

/** Hard limits by rlimit name (`nofile`, `memlock`, …) from the text of /proc/self/limits. */
export function parseProcLimits(text: string): Record<string, OciRlimitValue> {
  const hard: Record<string, OciRlimitValue> = {};
  for (const line of text.split("\n")) {
    const match = /^(Max [a-z ]+?)\s{2,}(\S+)\s+(\S+)/.exec(line);
    const name = match ? limitRows[match[1]!.toLowerCase()] : undefined;
    if (!match || !name) continue;
    const value = match[3]!;
    if (value === "unlimited") hard[name] = RLIM_INFINITY;
    else if (/^\d+$/.test(value)) hard[name] = Number(value);
  }
  return Object.fromEntries(
    Object.keys(hard)
      .sort()
      .map((k) => [k, hard[k]!]),
  );
}

/** Capability names of a hex mask such as the `CapBnd:` field of /proc/self/status. */
export function capabilitiesFromMask(hex: string): string[] {
  const mask = BigInt(`0x${hex.trim()}`);
  return ALL_CAPABILITIES.filter((_, bit) => (mask >> BigInt(bit)) & 1n);
}

/** The `CapBnd:` mask from the text of /proc/self/status, as capability names. */
export function boundingCapabilitiesFromStatus(status: string): string[] {
  const match = /^CapBnd:\s*([0-9a-fA-F]+)\s*$/m.exec(status);
  return match ? capabilitiesFromMask(match[1]!) : [...ALL_CAPABILITIES];
}
