import { readFile } from "node:fs/promises";
import type { CommandRunner } from "../../shared/ports.js";
import { RuntimeCommandError } from "../errors.js";
import type { Mounter, OverlayRequest } from "../ports.js";

/** Mount points listed in a /proc/self/mountinfo text (octal escapes such as `\040` decoded). */
export function parseMountinfo(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.split(" ")[4])
    .filter((p): p is string => p !== undefined && p !== "")
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(Number.parseInt(oct, 8))));
}

/** The `-o` option string of an overlay mount. */
export function overlayOptions(request: OverlayRequest): string {
  if (request.lowerDirs.length === 0) throw new Error("overlay needs at least one lower dir");
  for (const dir of [...request.lowerDirs, request.upperDir, request.workDir]) {
    if (/[,:]/.test(dir)) throw new Error(`overlay path "${dir}" contains ',' or ':'`);
  }
  return `lowerdir=${request.lowerDirs.join(":")},upperdir=${request.upperDir},workdir=${request.workDir}`;
}

/** How the Linux `Mounter` runs its commands. */
export interface OverlayMounterOptions {
  runner: CommandRunner;
  /**
   * Leading argv of `mount`/`umount`: `["busybox"]` runs busybox's applets, a static binary without
   * libmount, which reads no mount table and costs half the CPU; default util-linux's own binaries.
   * When it answers 127 (no such applet or binary), util-linux's binaries are used from then on.
   */
  via?: readonly string[];
  mountinfo?: string;
}

/** The Linux `Mounter`: `mount -t overlay` and `umount` through the command runner. */
export function overlayMounter(options: OverlayMounterOptions): Mounter {
  const mountinfo = options.mountinfo ?? "/proc/self/mountinfo";
  let via = options.via ?? [];
  const run = async (args: string[]): Promise<void> => {
    let argv = [...via, ...args];
    let result = await options.runner.run(argv);
    if (result.exitCode === 127 && via.length > 0) {
      via = [];
      argv = args;
      result = await options.runner.run(argv);
    }
    if (result.exitCode !== 0) throw new RuntimeCommandError(argv, result.exitCode, result.stderr);
  };
  const under = async (dir: string): Promise<string[]> => {
    const points = parseMountinfo(await readFile(mountinfo, "utf8"));
    return points
      .filter((p) => p === dir || p.startsWith(`${dir}/`))
      .sort((a, b) => b.length - a.length || a.localeCompare(b));
  };
  return {
    mountOverlay: (request) =>
      run(["mount", "-t", "overlay", "overlay", "-o", overlayOptions(request), request.target]),
    async unmount(target) {
      while ((await under(target)).includes(target)) await run(["umount", target]);
    },
    mountsUnder: under,
  };
}
