import type { Clock, CommandRunner } from "../../shared/ports.js";
import type { StreamingRunner } from "../../shared/spawn-ports.js";
import { ContainerRuntime } from "../container-runtime.js";
import { type RuntimeLocation, runtimeLayout } from "../layout.js";
import { cgroupCleaner } from "./cgroup-cleaner.js";
import { findBinary } from "./find-binary.js";
import { readHostFacts } from "./host-facts-reader.js";
import { overlayMounter } from "./overlay-mounter.js";
import { procProbe } from "./process-probe.js";
import { relayConmonShim } from "./relay-conmon-shim.js";
import { relayRunner } from "./relay-runner.js";
import { runcRuntime } from "./runc-runtime.js";

/** The host ports a Linux runtime is wired from (the engine passes the platform's adapters). */
export interface LinuxRuntimeOptions {
  location: RuntimeLocation;
  runner: CommandRunner;
  streamer: StreamingRunner;
  clock: Clock;
  runcBinary?: string;
  conmonBinary?: string;
  logSizeMax?: number;
  pollMs?: number;
}

/** busybox's mount applets when busybox is installed (the host dependency busybox-static is). */
function busyboxIfAny(): { via?: string[] } {
  try {
    return { via: [findBinary("busybox")] };
  } catch {
    return {};
  }
}

/** A `ContainerRuntime` on runc + conmon + overlayfs + cgroupfs. */
export function linuxContainerRuntime(options: LinuxRuntimeOptions): ContainerRuntime {
  const layout = runtimeLayout(options.location);
  const runner = relayRunner({
    streamer: options.streamer,
    fallback: options.runner,
    clock: options.clock,
    dir: layout.relay,
  });
  const oci = runcRuntime({
    runner,
    streamer: options.streamer,
    root: layout.runcRoot,
    binary: findBinary(options.runcBinary ?? "runc"),
  });
  const shim = relayConmonShim({
    runner,
    runtime: oci.shimRuntime,
    binary: findBinary(options.conmonBinary ?? "conmon"),
  });
  return new ContainerRuntime({
    location: options.location,
    oci,
    shim,
    mounter: overlayMounter({ runner, ...busyboxIfAny() }),
    cgroups: cgroupCleaner(),
    clock: options.clock,
    processes: procProbe(),
    hostFacts: () => readHostFacts(),
    ...(options.logSizeMax === undefined ? {} : { logSizeMax: options.logSizeMax }),
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
  });
}
