import { isAbsolute } from "node:path";
import { BerthError } from "../../shared/errors.js";

/** One `HostConfig.Binds` entry: `source:target[:options]`, where source is a host path or a volume name. */
export interface ParsedBind {
  kind: "bind" | "volume";
  source: string;
  target: string;
  readOnly: boolean;
  propagation?: "private" | "rprivate" | "shared" | "rshared" | "slave" | "rslave";
  /** `nocopy`: a new volume is not filled from the image. */
  noCopy?: boolean;
}

const PROPAGATIONS = new Set(["private", "rprivate", "shared", "rshared", "slave", "rslave"]);
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

function invalid(entry: string, why: string): BerthError {
  return new BerthError("INVALID_ARGUMENT", `invalid bind mount spec "${entry}": ${why}`);
}

/** Parses a Docker bind string (`/host:/ctr:ro,rshared`, `name:/data`); a lone `/ctr` is an anonymous volume. */
export function parseBind(entry: string): ParsedBind {
  const parts = entry.split(":");
  if (parts.length === 1) {
    if (!isAbsolute(entry)) throw invalid(entry, "the target must be an absolute path");
    return { kind: "volume", source: "", target: entry, readOnly: false };
  }
  if (parts.length > 3) throw invalid(entry, "too many colons");
  const [source = "", target = "", options = ""] = parts;
  if (!isAbsolute(target)) throw invalid(entry, "the target must be an absolute path");
  if (source === "") throw invalid(entry, "the source is empty");
  const kind = isAbsolute(source) ? "bind" : "volume";
  if (kind === "volume" && !VOLUME_NAME.test(source)) {
    throw invalid(entry, `"${source}" is neither an absolute host path nor a valid volume name`);
  }
  const bind: ParsedBind = { kind, source, target, readOnly: false };
  for (const option of options.split(",").filter((o) => o !== "")) {
    if (option === "ro") bind.readOnly = true;
    else if (option === "rw") bind.readOnly = false;
    else if (PROPAGATIONS.has(option)) bind.propagation = option as NonNullable<ParsedBind["propagation"]>;
    else if (option === "nocopy") bind.noCopy = true;
    else if (
      option === "z" ||
      option === "Z" ||
      option === "consistent" ||
      option === "cached" ||
      option === "delegated"
    ) {
      // SELinux relabelling and macOS consistency hints: meaningless here, accepted as Docker does.
    } else throw invalid(entry, `unknown option "${option}"`);
  }
  return bind;
}

/** Parses a `HostConfig.Tmpfs` value (`size=64m,mode=1777,ro`) into size in bytes, mode and read-only. */
export function parseTmpfsOptions(
  target: string,
  options: string,
): { sizeBytes?: number; mode?: number; readOnly?: boolean } {
  const out: { sizeBytes?: number; mode?: number; readOnly?: boolean } = {};
  for (const option of options.split(",").filter((o) => o !== "")) {
    const [key = "", value = ""] = option.split("=", 2);
    if (key === "size") out.sizeBytes = parseSize(value, target);
    else if (key === "mode") {
      if (!/^[0-7]{1,4}$/.test(value))
        throw new BerthError("INVALID_ARGUMENT", `tmpfs ${target}: invalid mode "${value}"`);
      out.mode = Number.parseInt(value, 8);
    } else if (key === "ro") out.readOnly = true;
    else if (key === "rw") out.readOnly = false;
    // Other tmpfs options (noexec, nosuid, uid, …) are accepted and left to the defaults.
  }
  return out;
}

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** `64m` → bytes (binary units, as Docker's tmpfs and memory options). */
export function parseSize(text: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$/i.exec(text.trim());
  if (!match) throw new BerthError("INVALID_ARGUMENT", `${what}: invalid size "${text}"`);
  return Math.round(Number(match[1]) * (UNITS[(match[2] ?? "").toLowerCase()] ?? 1));
}
