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

/**
 * Writes a file through a temporary sibling (readers never see half of it) and returns the rename that
 * publishes it, so several files can be written together and still be published in a chosen order.
 */
export async function stageAtomic(path: string, text: string): Promise<() => Promise<void>> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text, { mode: 0o600 });
  return () => rename(temp, path);
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
