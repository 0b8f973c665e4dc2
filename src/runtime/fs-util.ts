import { readFile, rename, rm, writeFile } from "node:fs/promises";

/** The text of a file, or undefined when it does not exist. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes a file through a temporary sibling and a rename, so readers never see half of it. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, path);
}

/** Removes a file or tree; absent is fine. */
export async function removePath(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/** A PID read from a pid file, or undefined. */
export async function readPid(path: string): Promise<number | undefined> {
  const text = await readIfExists(path);
  const pid = text === undefined ? Number.NaN : Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}
