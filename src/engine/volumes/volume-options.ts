import { BerthError } from "../../shared/errors.js";
import { parseSize } from "../containers/parse-binds.js";

/** Where a local volume keeps its data: its own `_data` dir, a host directory, or a tmpfs per container. */
export type VolumeBacking =
  | { kind: "dir" }
  | { kind: "bind"; device: string }
  | { kind: "tmpfs"; sizeBytes?: number; mode?: number };

/** The only driver berth has. */
export const LOCAL_DRIVER = "local";

const KNOWN_OPTIONS = new Set(["type", "o", "device"]);

function invalid(message: string): BerthError {
  return new BerthError("INVALID_ARGUMENT", message);
}

/** `volume driver X not supported` unless the driver is `local` (empty means local). */
export function checkDriver(driver: string | null | undefined): string {
  const name = driver === undefined || driver === null || driver === "" ? LOCAL_DRIVER : driver;
  if (name !== LOCAL_DRIVER) throw invalid(`volume driver ${name} not supported`);
  return name;
}

function tmpfsBacking(o: string): VolumeBacking {
  const backing: { kind: "tmpfs"; sizeBytes?: number; mode?: number } = { kind: "tmpfs" };
  for (const option of o.split(",").filter((part) => part !== "")) {
    const [key = "", value = ""] = option.split("=", 2);
    if (key === "size") backing.sizeBytes = parseSize(value, "tmpfs volume option size");
    else if (key === "mode") {
      if (!/^[0-7]{1,4}$/.test(value)) throw invalid(`invalid tmpfs volume option mode=${value}`);
      backing.mode = Number.parseInt(value, 8);
    } else if (
      !["uid", "gid", "nr_inodes", "noexec", "nosuid", "nodev", "exec", "suid", "dev"].includes(key)
    ) {
      throw invalid(`unsupported tmpfs volume option "${option}"`);
    }
  }
  return backing;
}

/**
 * The local driver's options (`type`, `o`, `device`, as `docker volume create --opt`) → how the volume is
 * backed. Supported: none (a plain dir), `type=none,o=bind,device=/path`, `type=tmpfs,device=tmpfs[,o=size=…]`.
 * Pure: whether a bind device exists is checked by the store.
 */
export function parseLocalOptions(
  options: Readonly<Record<string, string>> | null | undefined,
): VolumeBacking {
  const opts = options ?? {};
  const unknown = Object.keys(opts)
    .filter((key) => !KNOWN_OPTIONS.has(key))
    .sort();
  if (unknown.length > 0) throw invalid(`invalid option key: "${unknown[0]}"`);
  const { type, o, device } = opts;
  if (type === undefined && o === undefined && device === undefined) return { kind: "dir" };
  if (type === "tmpfs") {
    if (device !== undefined && device !== "tmpfs") throw invalid(`tmpfs volume: device must be "tmpfs"`);
    return tmpfsBacking(o ?? "");
  }
  if (type === "none" || (type === undefined && o !== undefined)) {
    const flags = (o ?? "").split(",").filter((flag) => flag !== "");
    if (!flags.includes("bind") && !flags.includes("rbind")) {
      throw invalid(`volume type "none" needs o=bind (got o=${o ?? ""})`);
    }
    const other = flags.find((flag) => !["bind", "rbind", "rw", "ro"].includes(flag));
    if (other !== undefined) throw invalid(`unsupported bind volume option "${other}"`);
    if (device === undefined || device === "") throw invalid("a bind volume needs a device (the host path)");
    if (!device.startsWith("/")) throw invalid(`bind volume device must be an absolute path: ${device}`);
    return { kind: "bind", device };
  }
  if (type === undefined) throw invalid("missing volume option type (none or tmpfs)");
  throw invalid(
    `volume type "${type}" is not supported by berth's local driver (use none with o=bind, or tmpfs)`,
  );
}
