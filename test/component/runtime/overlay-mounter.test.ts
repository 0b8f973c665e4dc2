import { describe, expect, it } from "vitest";
import { RuntimeCommandError } from "../../../src/runtime/errors.js";
import { overlayMounter } from "../../../src/runtime/linux/overlay-mounter.js";
import type { CommandResult, CommandRunner } from "../../../src/shared/ports.js";

/** A runner that records every argv and answers with the given exit codes in turn (then 0). */
function recording(codes: number[]): { runner: CommandRunner; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    runner: {
      run: async (argv): Promise<CommandResult> => {
        calls.push(argv.join(" "));
        const exitCode = codes.shift() ?? 0;
        return { exitCode, stdout: "", stderr: exitCode === 0 ? "" : `failed ${exitCode}` };
      },
    },
  };
}

const request = { lowerDirs: ["/l2", "/l1"], upperDir: "/u", workDir: "/w", target: "/r" };
const mountArgs = "mount -t overlay overlay -o lowerdir=/l2:/l1,upperdir=/u,workdir=/w /r";

describe("overlayMounter: mount through busybox's applet, util-linux as the fallback", () => {
  it("runs busybox's mount applet when given busybox", async () => {
    const { runner, calls } = recording([]);
    await overlayMounter({ runner, via: ["/bin/busybox"] }).mountOverlay(request);
    expect(calls).toEqual([`/bin/busybox ${mountArgs}`]);
  });

  it("falls back to util-linux for good when busybox answers 127 (no applet, no binary)", async () => {
    const { runner, calls } = recording([127]);
    const mounter = overlayMounter({ runner, via: ["/bin/busybox"] });
    await mounter.mountOverlay(request);
    await mounter.mountOverlay(request);
    expect(calls).toEqual([`/bin/busybox ${mountArgs}`, mountArgs, mountArgs]);
  });

  it("reports a real mount failure (not 127) without retrying", async () => {
    const { runner, calls } = recording([255]);
    const failing = overlayMounter({ runner, via: ["/bin/busybox"] }).mountOverlay(request);
    await expect(failing).rejects.toBeInstanceOf(RuntimeCommandError);
    expect(calls).toEqual([`/bin/busybox ${mountArgs}`]);
  });

  it("runs util-linux's mount without busybox", async () => {
    const { runner, calls } = recording([]);
    await overlayMounter({ runner }).mountOverlay(request);
    expect(calls).toEqual([mountArgs]);
  });
});
