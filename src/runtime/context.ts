import type { Clock } from "../shared/ports.js";
import type { ExitWatch } from "./exit-watch.js";
import type { RuntimeLayout } from "./layout.js";
import type { EngineHostFacts } from "./linux/host-facts-reader.js";
import type { ProcessProbe } from "./linux/process-probe.js";
import type { CgroupCleaner, Mounter, OciRuntime, Shim } from "./ports.js";
import type { BundleMeta } from "./prepare.js";
import type { SharedGate } from "./shared-gate.js";

/** Everything the facade's operations share: the layout, the ports and a few knobs. */
export interface RuntimeContext {
  layout: RuntimeLayout;
  oci: OciRuntime;
  shim: Shim;
  mounter: Mounter;
  cgroups: CgroupCleaner;
  clock: Clock;
  processes: ProcessProbe;
  hostFacts: () => Promise<EngineHostFacts>;
  /** conmon's log size cap in bytes. */
  logSizeMax: number;
  /** How often log follows and process checks look again. */
  pollMs: number;
  /** Wakes exit waits when conmon writes an exit file. */
  exitWatch: ExitWatch;
  /** How often exit waits look at the exit file even without a wake-up (the fallback). */
  exitPollMs: number;
  /**
   * Creates (runc makes the cgroup parent and leaf) hold it shared; removing the instance's empty
   * cgroup parent holds it exclusively, so the parent never vanishes between runc's two mkdirs.
   */
  cgroupGate: SharedGate;
  /** meta.json of the bundles this runtime prepared (saves a read per create and stop); disk is the truth. */
  metas: Map<string, BundleMeta>;
}
