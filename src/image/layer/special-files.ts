import { BerthError } from "../../shared/errors.js";
import type { CommandRunner } from "../../shared/ports.js";

/** A node that node:fs cannot make: an overlay whiteout (char 0:0) or a FIFO. */
export interface SpecialNode {
  path: string;
  kind: "whiteout" | "fifo";
}

/** One extended attribute to set on a path (never following a final symlink). */
export interface XattrItem {
  path: string;
  name: string;
  value: Uint8Array;
}

/** Host operations that node:fs lacks; batched so a layer costs a few process spawns at most. */
export interface SpecialFiles {
  /** Creates the nodes; fails if any cannot be made. */
  makeNodes(nodes: readonly SpecialNode[]): Promise<void>;
  /** Sets the xattrs; `bestEffort` reports failures as warnings instead of throwing. */
  setXattrs(items: readonly XattrItem[], options: { bestEffort: boolean }): Promise<string[]>;
}

const batch = 200;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += batch) out.push(items.slice(i, i + batch));
  return out;
}

/** A path escaped the way getfattr dumps it (octal for bytes outside printable ASCII, space, `\`). */
export function escapeDumpPath(path: string): string {
  let out = "";
  for (const byte of Buffer.from(path, "utf8")) {
    const plain = byte > 0x20 && byte < 0x7f && byte !== 0x5c;
    out += plain ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, "0")}`;
  }
  return out;
}

/** The `setfattr --restore` input that sets `items`. */
export function xattrDump(items: readonly XattrItem[]): string {
  return items
    .map(
      (item) =>
        `# file: ${escapeDumpPath(item.path)}\n${item.name}=0x${Buffer.from(item.value).toString("hex")}\n`,
    )
    .join("\n");
}

/** `SpecialFiles` through a command runner: `mknod`, `mkfifo` (coreutils) and `setfattr` (attr). */
export function commandSpecialFiles(runner: CommandRunner): SpecialFiles {
  const run = async (argv: string[], input?: string) => {
    const result = await runner.run(argv, input === undefined ? {} : { input });
    return { ...result, argv };
  };
  const check = (result: { argv: string[]; exitCode: number; stderr: string }) => {
    if (result.exitCode === 0) return;
    throw new BerthError("RUNTIME_COMMAND", `${result.argv[0]} failed: ${result.stderr.trim().slice(-500)}`, {
      details: { argv: result.argv.slice(0, 4), exitCode: result.exitCode },
    });
  };
  return {
    async makeNodes(nodes) {
      const whiteouts = nodes.filter((node) => node.kind === "whiteout").map((node) => node.path);
      const fifos = nodes.filter((node) => node.kind === "fifo").map((node) => node.path);
      const script = 'for p in "$@"; do mknod -m 000 -- "$p" c 0 0 || exit 1; done';
      for (const group of chunks(whiteouts)) check(await run(["sh", "-c", script, "sh", ...group]));
      for (const group of chunks(fifos)) check(await run(["mkfifo", "-m", "600", "--", ...group]));
    },
    async setXattrs(items, options) {
      const warnings: string[] = [];
      for (const group of chunks(items)) {
        const result = await run(["setfattr", "-h", "--restore=-"], xattrDump(group));
        if (result.exitCode === 0) continue;
        if (!options.bestEffort) check(result);
        warnings.push(`some extended attributes were not set: ${result.stderr.trim().slice(-300)}`);
      }
      return warnings;
    },
  };
}
