import type { MountSpec, Ulimit } from "../../../app/containers/api-types.js";
import { UsageError } from "../../../shared/errors.js";
import { parseSize } from "../../render/size.js";

/** Reads an env file: KEY=VAL lines, `#` comments and blanks skipped, a bare KEY taken from `lookup`. */
export function parseEnvFile(
  text: string,
  options: { file: string; flag: string; lookup: (key: string) => string | undefined },
): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\uFEFF/, "").trimStart();
    if (line === "" || line.startsWith("#")) return;
    const eq = line.indexOf("=");
    const key = eq < 0 ? line.trimEnd() : line.slice(0, eq);
    if (key === "" || /\s/.test(key)) {
      throw new UsageError(
        `${options.flag} ${options.file}: line ${index + 1}: variable '${key}' contains whitespaces or is empty`,
      );
    }
    if (eq >= 0) out.push(line);
    else {
      const value = options.lookup(key);
      if (value !== undefined) out.push(`${key}=${value}`);
    }
  });
  return out;
}

/** One `-e` value: KEY=VAL as given, a bare KEY from `lookup` (dropped when unset, as Docker does). */
export function envEntry(value: string, lookup: (key: string) => string | undefined): string | undefined {
  if (value.includes("=")) {
    if (value.startsWith("="))
      throw new UsageError(`invalid argument "${value}" for "-e, --env" flag: empty variable name`);
    return value;
  }
  const found = lookup(value);
  return found === undefined ? undefined : `${value}=${found}`;
}

/** `--ulimit nofile=1024:2048` (or `nofile=1024`, soft = hard). */
export function parseUlimit(text: string): Ulimit {
  const found = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(text.trim());
  if (!found?.[1] || !found[2]) {
    throw new UsageError(
      `invalid argument "${text}" for "--ulimit" flag: expected NAME=SOFT[:HARD], e.g. nofile=1024:2048`,
    );
  }
  const soft = Number(found[2]);
  const hard = found[3] !== undefined ? Number(found[3]) : soft;
  if (soft > hard && hard !== -1) {
    throw new UsageError(
      `invalid argument "${text}" for "--ulimit" flag: soft limit ${soft} is above hard limit ${hard}`,
    );
  }
  return { Name: found[1], Soft: soft, Hard: hard };
}

/** `KEY=VALUE` (labels, sysctls); a bare KEY means an empty value where `allowBare`. */
export function parseKeyValue(text: string, flag: string, allowBare: boolean): [string, string] {
  const eq = text.indexOf("=");
  if (eq < 0) {
    if (allowBare && text !== "") return [text, ""];
    throw new UsageError(`invalid argument "${text}" for "${flag}" flag: expected KEY=VALUE`);
  }
  if (eq === 0) throw new UsageError(`invalid argument "${text}" for "${flag}" flag: empty key`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** `--restart no|always|unless-stopped|on-failure[:N]`. */
export function parseRestart(text: string): {
  Name: "no" | "always" | "unless-stopped" | "on-failure";
  MaximumRetryCount: number;
} {
  const [name = "", count] = text.split(":");
  if (name === "on-failure") {
    if (count !== undefined && !/^\d+$/.test(count)) {
      throw new UsageError(
        `invalid restart policy "${text}": maximum retry count must be a non-negative integer`,
      );
    }
    return { Name: "on-failure", MaximumRetryCount: count === undefined ? 0 : Number(count) };
  }
  if (name === "no" || name === "always" || name === "unless-stopped") {
    if (count !== undefined) {
      throw new UsageError(
        `invalid restart policy "${text}": maximum retry count can only be used with 'on-failure'`,
      );
    }
    return { Name: name, MaximumRetryCount: 0 };
  }
  throw new UsageError(
    `invalid restart policy "${text}": use no, always, unless-stopped or on-failure[:max-retries]`,
  );
}

/** `--cpus 1.5` as NanoCpus. */
export function parseCpus(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`invalid argument "${text}" for "--cpus" flag: expected a number of CPUs, e.g. 1.5`);
  }
  return Math.round(value * 1e9);
}

/** A whole number for `flag` (`--pids-limit`, `--cpu-shares`, `--stop-timeout`, `-t`). */
export function parseInteger(text: string, flag: string): number {
  if (!/^-?\d+$/.test(text.trim())) {
    throw new UsageError(`invalid argument "${text}" for "${flag}" flag: expected an integer`);
  }
  return Number(text);
}

const truthyWords = new Set(["", "1", "true", "yes"]);
const falsyWords = new Set(["0", "false", "no"]);

function mountBool(key: string, value: string | undefined, text: string): boolean {
  const v = (value ?? "").toLowerCase();
  if (truthyWords.has(v)) return true;
  if (falsyWords.has(v)) return false;
  throw new UsageError(`invalid argument "${text}" for "--mount" flag: invalid value for ${key}: ${value}`);
}

/** `--mount type=bind,source=/a,target=/b,readonly` (bind, volume, tmpfs) as a Mounts entry. */
export function parseMount(text: string): MountSpec {
  const fields: Record<string, string | undefined> = {};
  const volumeLists: Record<"volume-opt" | "volume-label", [string, string][]> = {
    "volume-opt": [],
    "volume-label": [],
  };
  for (const part of text.split(",")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const listKey = part.slice(0, Math.max(eq, 0)).trim().toLowerCase();
    if (listKey === "volume-opt" || listKey === "volume-label") {
      volumeLists[listKey].push(parseKeyValue(part.slice(eq + 1), "--mount", listKey === "volume-label"));
      continue;
    }
    fields[(eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase()] =
      eq < 0 ? undefined : part.slice(eq + 1);
  }
  const type = fields.type ?? "volume";
  if (type !== "bind" && type !== "volume" && type !== "tmpfs") {
    throw new UsageError(`invalid argument "${text}" for "--mount" flag: unsupported mount type "${type}"`);
  }
  const target = fields.target ?? fields.destination ?? fields.dst;
  if (!target) throw new UsageError(`invalid argument "${text}" for "--mount" flag: target is required`);
  const mount: MountSpec = { Type: type, Target: target };
  const source = fields.source ?? fields.src;
  if (source !== undefined) mount.Source = source;
  for (const key of ["readonly", "ro"]) if (key in fields) mount.ReadOnly = mountBool(key, fields[key], text);
  if (fields["bind-propagation"] !== undefined)
    mount.BindOptions = { Propagation: fields["bind-propagation"] };
  const driver = fields["volume-driver"];
  const opts = volumeLists["volume-opt"];
  const labels = volumeLists["volume-label"];
  if (
    "volume-nocopy" in fields ||
    fields["volume-subpath"] !== undefined ||
    driver !== undefined ||
    opts.length > 0 ||
    labels.length > 0
  ) {
    mount.VolumeOptions = {
      ...(labels.length > 0 ? { Labels: Object.fromEntries(labels) } : {}),
      ...(driver !== undefined || opts.length > 0
        ? {
            DriverConfig: {
              ...(driver !== undefined ? { Name: driver } : {}),
              ...(opts.length > 0 ? { Options: Object.fromEntries(opts) } : {}),
            },
          }
        : {}),
      ...("volume-nocopy" in fields
        ? { NoCopy: mountBool("volume-nocopy", fields["volume-nocopy"], text) }
        : {}),
      ...(fields["volume-subpath"] !== undefined ? { Subpath: fields["volume-subpath"] } : {}),
    };
  }
  if (fields["tmpfs-size"] !== undefined || fields["tmpfs-mode"] !== undefined) {
    const mode = fields["tmpfs-mode"];
    if (mode !== undefined && !/^[0-7]+$/.test(mode)) {
      throw new UsageError(`invalid argument "${text}" for "--mount" flag: tmpfs-mode must be octal`);
    }
    mount.TmpfsOptions = {
      ...(fields["tmpfs-size"] !== undefined
        ? { SizeBytes: parseSize(fields["tmpfs-size"], "--mount") }
        : {}),
      ...(mode !== undefined ? { Mode: Number.parseInt(mode, 8) } : {}),
    };
  }
  if (type === "bind" && source === undefined) {
    throw new UsageError(`invalid argument "${text}" for "--mount" flag: source is required for bind mounts`);
  }
  return mount;
}

/** `-v SRC:DST[:OPTS]` goes to Binds; `-v /path` (no source) is an anonymous volume. */
export function splitVolume(text: string): { bind: string } | { anonymous: string } {
  if (text === "") throw new UsageError(`invalid argument "" for "-v, --volume" flag: empty volume`);
  const parts = text.split(":");
  if (parts.length === 1) {
    if (!text.startsWith("/")) {
      throw new UsageError(
        `invalid argument "${text}" for "-v, --volume" flag: volume destination must be an absolute path`,
      );
    }
    return { anonymous: text };
  }
  if (parts.length > 3 || !(parts[1] ?? "").startsWith("/")) {
    throw new UsageError(
      `invalid argument "${text}" for "-v, --volume" flag: expected SOURCE:/DESTINATION[:OPTIONS]`,
    );
  }
  return { bind: text };
}

/** `--tmpfs /run:rw,size=64m` as a HostConfig.Tmpfs entry. */
export function parseTmpfs(text: string): [string, string] {
  const colon = text.indexOf(":");
  const target = colon < 0 ? text : text.slice(0, colon);
  if (!target.startsWith("/")) {
    throw new UsageError(`invalid argument "${text}" for "--tmpfs" flag: the mount path must be absolute`);
  }
  return [target, colon < 0 ? "" : text.slice(colon + 1)];
}
