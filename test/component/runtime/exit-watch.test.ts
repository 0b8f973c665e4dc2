import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContainerRuntime } from "../../../src/runtime/container-runtime.js";
import { FakeHost } from "../../../src/runtime/fakes/fake-host.js";
import type { Clock } from "../../../src/shared/ports.js";

// A clock whose sleeps never end on their own (only an abort ends them): a wait that resolves under it
// was woken by the exit file's fs.watch event, not by a poll.
const stoppedClock: Clock = {
  now: () => 0,
  sleep: (_ms, signal) =>
    new Promise((_resolve, reject) => {
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    }),
};

describe("exit waits are woken by the exit file (fs.watch), not by polling", () => {
  let root = "";
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function setup() {
    root = mkdtempSync(join(tmpdir(), "berth-exitwatch-"));
    const location = { root, runDir: join(root, "run"), instance: "watch" };
    const host = new FakeHost({ exitsDir: join(location.runDir, "exits") });
    const rt = new ContainerRuntime({
      location,
      oci: host.oci,
      shim: host.shim,
      mounter: host.mounter,
      cgroups: host.cgroups,
      clock: stoppedClock,
      processes: host.processes,
      hostFacts: async () => ({ rlimitNofileHard: 4096 }),
    });
    return { host, rt };
  }

  async function running(s: ReturnType<typeof setup>, id: string): Promise<void> {
    await s.rt.prepare(id, {
      spec: {
        id,
        name: id,
        rootfs: "",
        image: { cmd: ["sleep", "1"] },
        hostname: id,
        network: { mode: "none" },
      },
      lowerDirs: ["/layers/a"],
    });
    await s.rt.create(id);
    await s.rt.start(id);
  }

  it("resolves with the code once conmon writes a new exit file, for each waiting container", async () => {
    const s = setup();
    await running(s, "one");
    await running(s, "two");
    const first = s.rt.waitExit("one");
    const second = s.rt.waitExit("two");
    s.host.exit("two", 3);
    s.host.exit("one", 0);
    expect(await Promise.all([first, second])).toEqual([0, 3]);
  });

  it("answers at once when the exit file is already there, and stops waiting on abort", async () => {
    const s = setup();
    await running(s, "done");
    s.host.exit("done", 7);
    expect(await s.rt.waitExit("done")).toBe(7);
    await running(s, "never");
    const controller = new AbortController();
    const pending = s.rt.waitExit("never", controller.signal);
    controller.abort(new Error("gave up"));
    await expect(pending).rejects.toThrow("gave up");
  });
});
