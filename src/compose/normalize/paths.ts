import { posix } from "node:path";
import type { EnvLookup } from "../host.js";
import { isCleanPath, type PathResolver } from "./volumes.js";

/** Expands a leading `~` against HOME (unchanged when HOME is unset). */
export function expandHome(path: string, lookup: EnvLookup): string {
  if (!path.startsWith("~")) return path;
  const home = lookup("HOME");
  return home === undefined ? path : posix.join(home, path.slice(1));
}

/** A resolver that makes host paths absolute against `workingDir`, or keeps them when `enabled` is false. */
export function pathResolver(options: {
  workingDir: string;
  lookup: EnvLookup;
  enabled: boolean;
}): PathResolver {
  const workingDirClean = isCleanPath(options.workingDir);
  return {
    resolve(path: string): string {
      if (path === "") return path;
      // Kept relative: only tidy a trailing slash (`./` reads as `.`, as compose-go prints it).
      if (!options.enabled) return path.length > 1 ? path.replace(/\/+$/, "") || "/" : path;
      const expanded = expandHome(path, options.lookup);
      if (posix.isAbsolute(expanded)) return expanded;
      // `./data/x` under a clean directory joins to itself with the `.` dropped: no need to normalise.
      if (workingDirClean && expanded.startsWith("./") && isCleanPath(expanded.slice(1)))
        return options.workingDir + expanded.slice(1);
      return posix.join(options.workingDir, expanded);
    },
  };
}

const REMOTE_PREFIXES = ["https://", "http://", "git://", "ssh://", "github.com/", "git@"];

/** True for build contexts that are not local paths (URLs, git refs, `service:x`, `docker-image://…`). */
export function isRemoteContext(context: string): boolean {
  return (
    context.includes("://") ||
    context.startsWith("service:") ||
    REMOTE_PREFIXES.some((p) => context.startsWith(p))
  );
}
