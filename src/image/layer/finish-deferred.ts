import { chmod, chown, lchown, lstat, lutimes } from "node:fs/promises";
import { type DeferredWork, deepestFirst } from "./deferred.js";
import type { SpecialFiles, XattrItem } from "./special-files.js";

/** What the last step of an unpack needs. */
export interface FinishOptions {
  deferred: DeferredWork;
  /** Absolute path of a layer-relative path. */
  abs: (rel: string) => string;
  specials: SpecialFiles;
  own: boolean;
}

/**
 * The last step of an unpack, in the order the kernel needs: special nodes, then directory owners and
 * modes, then xattrs (after chown, which clears security.capability), then directory times deepest first.
 * Returns warnings for xattrs the filesystem refused.
 */
export async function finishDeferred({ deferred, abs, specials, own }: FinishOptions): Promise<string[]> {
  const { nodes, dirs, xattrs, opaque } = deferred;
  const nodePaths = [...nodes.keys()].sort();
  await specials.makeNodes(
    nodePaths.map((rel) => ({ path: abs(rel), kind: nodes.get(rel)?.kind ?? "fifo" })),
  );
  for (const rel of nodePaths) {
    const node = nodes.get(rel);
    if (!node) continue;
    if (own) await lchown(abs(rel), node.meta.uid, node.meta.gid);
    if (node.kind === "fifo") await chmod(abs(rel), node.meta.mode);
    await lutimes(abs(rel), node.meta.mtime, node.meta.mtime);
  }
  const dirOrder = deepestFirst(dirs.keys());
  for (const rel of dirOrder) {
    const meta = dirs.get(rel);
    if (!meta || !(await lstat(abs(rel))).isDirectory()) continue;
    if (own) await chown(abs(rel), meta.uid, meta.gid);
    await chmod(abs(rel), meta.mode);
  }
  const required: XattrItem[] = [...opaque]
    .sort()
    .map((rel) => ({ path: abs(rel), name: "trusted.overlay.opaque", value: Buffer.from("y") }));
  await specials.setXattrs(required, { bestEffort: false });
  const optional = [...xattrs.keys()]
    .sort()
    .flatMap((rel) => [...(xattrs.get(rel) ?? [])].map(([name, value]) => ({ path: abs(rel), name, value })));
  const warnings = await specials.setXattrs(optional, { bestEffort: true });
  for (const rel of dirOrder) {
    const meta = dirs.get(rel);
    if (meta) await lutimes(abs(rel), meta.mtime, meta.mtime);
  }
  return warnings;
}
