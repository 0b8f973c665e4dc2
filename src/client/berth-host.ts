import { UsageError } from "../shared/errors.js";

/** Where the engine listens when BERTH_HOST is not set. */
export const DEFAULT_BERTH_HOST = "unix:///run/berth/berth.sock";

/** Reads BERTH_HOST (`unix:///abs/path.sock`; unset or empty → the default) into a socket path. */
export function parseBerthHost(value: string | undefined): { socketPath: string } {
  const host = value === undefined || value.trim() === "" ? DEFAULT_BERTH_HOST : value.trim();
  const found = /^unix:\/\/(\/.+)$/.exec(host);
  if (found?.[1]) return { socketPath: found[1] };
  throw new UsageError(
    `BERTH_HOST=${host} is not supported: berth's engine listens only on a unix socket; ` +
      `use unix:///absolute/path/to/berth.sock (default ${DEFAULT_BERTH_HOST})`,
  );
}
