import { readFile, rm, writeFile } from "node:fs/promises";

/** Where the daemon keeps the host's ip_forward value from before any berth engine enabled it. */
export const DEFAULT_FORWARDING_MEMO = "/run/berth-ip-forward.orig";

/**
 * The value of net.ipv4.ip_forward before the FIRST berth engine on this host (any root, any instance)
 * set it: claimed once (the first claim wins), read back when the last berth bridge is gone. One memo
 * per host, not per engine root: a second engine would otherwise remember the 1 that the first one set.
 */
export interface ForwardingMemo {
  read(): Promise<string | undefined>;
  /** Records `value` unless a value is already recorded. */
  claim(value: string): Promise<void>;
  clear(): Promise<void>;
}

/** The memo as a file (under /run: gone with a reboot, like the sysctl itself). */
export function fileForwardingMemo(path: string = DEFAULT_FORWARDING_MEMO): ForwardingMemo {
  return {
    async read() {
      try {
        const text = (await readFile(path, "utf8")).trim();
        return text === "" ? undefined : text;
      } catch {
        return undefined;
      }
    },
    async claim(value) {
      try {
        await writeFile(path, `${value}\n`, { flag: "wx", mode: 0o644 });
      } catch (error: unknown) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    },
    async clear() {
      await rm(path, { force: true });
    },
  };
}

/** A memo held in memory (engines on fake hosts in component tests). */
export function memoryForwardingMemo(): ForwardingMemo {
  let value: string | undefined;
  return {
    read: async () => value,
    claim: async (found) => {
      value ??= found;
    },
    clear: async () => {
      value = undefined;
    },
  };
}
