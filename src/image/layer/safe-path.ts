/** Why an entry name or link target cannot be used inside a layer. */
export type PathProblem = "escapes the layer root";

/**
 * Components of a tar name made relative to the layer root: absolute names are re-rooted there and
 * `.`/empty parts dropped; `..` that would climb above the root is a problem, never clamped.
 */
export function entryComponents(name: string): string[] | PathProblem {
  const out: string[] = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length === 0) return "escapes the layer root";
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out;
}

/** True when a symlink at `linkComponents` with `target` resolves (lexically) above the layer root. */
export function symlinkEscapes(linkComponents: readonly string[], target: string): boolean {
  const joined = target.startsWith("/") ? target : [...linkComponents.slice(0, -1), target].join("/");
  return entryComponents(joined) === "escapes the layer root";
}

/** The overlay whiteout or opaque marker a tar name stands for, if any. */
export type WhiteoutMark = { kind: "whiteout"; target: string } | { kind: "opaque" } | { kind: "meta" };

const prefix = ".wh.";
const opaque = ".wh..wh..opq";

/** Classifies an entry's base name by the OCI whiteout convention. */
export function whiteoutMark(base: string): WhiteoutMark | undefined {
  if (!base.startsWith(prefix)) return undefined;
  if (base === opaque) return { kind: "opaque" };
  if (base.startsWith(`${prefix}${prefix}`)) return { kind: "meta" };
  const target = base.slice(prefix.length);
  return target === "" || target === "." || target === ".." ? { kind: "meta" } : { kind: "whiteout", target };
}
