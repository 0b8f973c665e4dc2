import { ContainerSpecError } from "./errors.js";

/** Docker's default capability set for unprivileged containers. */
export const DEFAULT_CAPABILITIES: readonly string[] = [
  "CAP_CHOWN",
  "CAP_DAC_OVERRIDE",
  "CAP_FSETID",
  "CAP_FOWNER",
  "CAP_MKNOD",
  "CAP_NET_RAW",
  "CAP_SETGID",
  "CAP_SETUID",
  "CAP_SETFCAP",
  "CAP_SETPCAP",
  "CAP_NET_BIND_SERVICE",
  "CAP_SYS_CHROOT",
  "CAP_KILL",
  "CAP_AUDIT_WRITE",
];

/** Every capability Linux 6.x defines (numbers 0–40), in kernel order. */
export const ALL_CAPABILITIES: readonly string[] = [
  "CAP_CHOWN",
  "CAP_DAC_OVERRIDE",
  "CAP_DAC_READ_SEARCH",
  "CAP_FOWNER",
  "CAP_FSETID",
  "CAP_KILL",
  "CAP_SETGID",
  "CAP_SETUID",
  "CAP_SETPCAP",
  "CAP_LINUX_IMMUTABLE",
  "CAP_NET_BIND_SERVICE",
  "CAP_NET_BROADCAST",
  "CAP_NET_ADMIN",
  "CAP_NET_RAW",
  "CAP_IPC_LOCK",
  "CAP_IPC_OWNER",
  "CAP_SYS_MODULE",
  "CAP_SYS_RAWIO",
  "CAP_SYS_CHROOT",
  "CAP_SYS_PTRACE",
  "CAP_SYS_PACCT",
  "CAP_SYS_ADMIN",
  "CAP_SYS_BOOT",
  "CAP_SYS_NICE",
  "CAP_SYS_RESOURCE",
  "CAP_SYS_TIME",
  "CAP_SYS_TTY_CONFIG",
  "CAP_MKNOD",
  "CAP_LEASE",
  "CAP_AUDIT_WRITE",
  "CAP_AUDIT_CONTROL",
  "CAP_SETFCAP",
  "CAP_MAC_OVERRIDE",
  "CAP_MAC_ADMIN",
  "CAP_SYSLOG",
  "CAP_WAKE_ALARM",
  "CAP_BLOCK_SUSPEND",
  "CAP_AUDIT_READ",
  "CAP_PERFMON",
  "CAP_BPF",
  "CAP_CHECKPOINT_RESTORE",
];

const known = new Set(ALL_CAPABILITIES);

/** Inputs of capability resolution. */
export interface CapabilityInputs {
  capAdd?: readonly string[];
  capDrop?: readonly string[];
  privileged?: boolean;
}

/** `net_admin`, `NET_ADMIN` or `CAP_NET_ADMIN` → `CAP_NET_ADMIN`; `all` → `ALL`; unknown names throw. */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  if (upper === "ALL") return "ALL";
  const full = upper.startsWith("CAP_") ? upper : `CAP_${upper}`;
  if (!known.has(full)) throw new ContainerSpecError(`unknown capability "${name}"`);
  return full;
}

/**
 * The process capability set, by Docker's rules: privileged gets all and ignores add/drop; add ALL gives
 * all but the dropped; drop ALL gives only the added; otherwise defaults minus drop plus add (add wins).
 * "All" and the defaults are limited to `available` (the engine's bounding set: runc cannot grant more);
 * naming an unavailable capability in cap_add is an error. Sorted in kernel order.
 */
export function resolveCapabilities(
  inputs: CapabilityInputs,
  available: readonly string[] = ALL_CAPABILITIES,
): string[] {
  const usable = ALL_CAPABILITIES.filter((c) => available.includes(c));
  if (inputs.privileged) return usable;
  const add = (inputs.capAdd ?? []).map(normalizeCapability);
  const missing = add.filter((c) => c !== "ALL" && !usable.includes(c));
  if (missing.length > 0) {
    throw new ContainerSpecError(
      `capability ${missing.join(", ")} is not in the engine's bounding set, so no container can have it`,
    );
  }
  const drop = (inputs.capDrop ?? []).map(normalizeCapability);
  let result: Set<string>;
  if (add.includes("ALL")) {
    result = new Set(ALL_CAPABILITIES.filter((c) => !drop.includes(c)));
  } else if (drop.includes("ALL")) {
    result = new Set(add);
  } else {
    result = new Set([...DEFAULT_CAPABILITIES.filter((c) => !drop.includes(c)), ...add]);
  }
  return usable.filter((c) => result.has(c));
}
