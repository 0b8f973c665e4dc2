import { accessSync, constants } from "node:fs";
import { isAbsolute, join } from "node:path";

/** Absolute path of `name` found on `path` (conmon needs an absolute runtime path); absolute names pass. */
export function findBinary(name: string, path = process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin"): string {
  if (isAbsolute(name)) return name;
  for (const dir of [...path.split(":"), "/usr/local/sbin", "/usr/sbin", "/sbin"]) {
    if (dir === "") continue;
    const full = join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not here
    }
  }
  throw new Error(`${name} not found on PATH`);
}
