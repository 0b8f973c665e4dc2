import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ContainerRuntime } from "../../../src/runtime/container-runtime.js";
import { FakeHost, type FakeHostOptions } from "../../../src/runtime/fakes/fake-host.js";
import type { RuntimeLocation } from "../../../src/runtime/layout.js";
import type { ContainerSpec } from "../../../src/runtime/spec/container-spec.js";

/** A ContainerRuntime on the fake host, in a scratch dir. */
export interface FakeSetup {
  host: FakeHost;
  rt: ContainerRuntime;
  location: RuntimeLocation;
  spec(id: string, extra?: Partial<ContainerSpec>): ContainerSpec;
  dispose(): void;
}

/** Builds a runtime whose ports are all fakes. */
export function fakeSetup(options: Omit<FakeHostOptions, "exitsDir"> = {}): FakeSetup {
  const root = mkdtempSync(join(tmpdir(), "berth-fake-"));
  const location = { root, runDir: join(root, "run"), instance: "unit" };
  const host = new FakeHost({ ...options, exitsDir: join(location.runDir, "exits") });
  const rt = new ContainerRuntime({
    location,
    oci: host.oci,
    shim: host.shim,
    mounter: host.mounter,
    cgroups: host.cgroups,
    clock: host.clock,
    processes: host.processes,
    hostFacts: async () => ({ rlimitNofileHard: 4096 }),
    pollMs: 10,
  });
  return {
    host,
    rt,
    location,
    spec: (id, extra = {}) => ({
      id,
      name: `name-${id}`,
      rootfs: "/ignored",
      image: { cmd: ["sleep", "1000"] },
      hostname: id,
      network: { mode: "none" },
      ...extra,
    }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
