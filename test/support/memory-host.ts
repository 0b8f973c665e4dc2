import type { LoaderHost } from "../../src/compose/host.js";

/** An in-memory file tree for loader tests: absolute path → text. */
export function memoryHost(files: Record<string, string>): LoaderHost {
  return {
    readFile: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    isDirectory: (path) => Object.keys(files).some((file) => file.startsWith(`${path}/`)),
  };
}
