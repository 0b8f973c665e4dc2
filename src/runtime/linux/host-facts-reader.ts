import { access, readFile } from "node:fs/promises";
import { boundingCapabilitiesFromStatus, parseProcLimits } from "../spec/host-facts.js";
import type { OciHostFacts } from "../spec/to-oci-spec.js";

/** Host facts of `toOciSpec` except the cgroup parent, which the runtime supplies. */
export type EngineHostFacts = Omit<OciHostFacts, "cgroupParent">;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads the engine's own limits (/proc/self/limits), capabilities (/proc/self/status) and swap accounting. */
export async function readHostFacts(cgroupMount = "/sys/fs/cgroup"): Promise<EngineHostFacts> {
  const limits = parseProcLimits(await readFile("/proc/self/limits", "utf8"));
  const status = await readFile("/proc/self/status", "utf8");
  const nofile = limits.nofile;
  return {
    rlimitNofileHard: typeof nofile === "number" ? nofile : 1024 * 1024,
    rlimitHard: limits,
    boundingCapabilities: boundingCapabilitiesFromStatus(status),
    swapAccounting:
      (await exists(`${cgroupMount}/memory/memory.memsw.limit_in_bytes`)) ||
      (await exists(`${cgroupMount}/memory.swap.max`)),
  };
}
