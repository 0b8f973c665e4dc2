/** PATH that Docker gives a Linux container whose image sets none. */
export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Values the engine adds to every container's environment unless set. */
export interface EnvDefaults {
  hostname?: string;
  /** Adds TERM=xterm, as Docker does for a tty. */
  tty?: boolean;
  /** HOME from /etc/passwd, appended when neither image nor service sets it. */
  home?: string;
}

function keyOf(entry: string): string {
  const eq = entry.indexOf("=");
  return eq === -1 ? entry : entry.slice(0, eq);
}

/**
 * Container environment in Docker's order: PATH, HOSTNAME, TERM (tty), then the image's entries, then the
 * service's (sorted by key); a later value replaces an earlier one in place. HOME is appended if missing.
 */
export function mergeEnv(
  imageEnv: readonly string[],
  serviceEnv: Readonly<Record<string, string>>,
  defaults: EnvDefaults = {},
): string[] {
  const order: string[] = [];
  const values = new Map<string, string>();
  const put = (key: string, value: string): void => {
    if (!values.has(key)) order.push(key);
    values.set(key, value);
  };
  put("PATH", DEFAULT_PATH);
  if (defaults.hostname !== undefined) put("HOSTNAME", defaults.hostname);
  if (defaults.tty) put("TERM", "xterm");
  for (const entry of imageEnv) {
    const key = keyOf(entry);
    if (key === "" || key.length === entry.length) continue;
    put(key, entry.slice(key.length + 1));
  }
  for (const key of Object.keys(serviceEnv).sort()) put(key, serviceEnv[key] ?? "");
  if (defaults.home !== undefined && !values.has("HOME")) put("HOME", defaults.home);
  return order.map((key) => `${key}=${values.get(key)}`);
}
