import type { ResourceLimits, UlimitSpec } from "./container-spec.js";
import { ContainerSpecError } from "./errors.js";
import type { OciDeviceRule, OciResources, OciRlimit, OciRlimitValue } from "./oci-types.js";

/** RLIM_INFINITY (2^64-1); `serializeOciSpec` writes it as an exact JSON number. */
export const RLIM_INFINITY = 2n ** 64n - 1n;

/** Docker's default CFS period in microseconds. */
export const DEFAULT_CPU_PERIOD = 100_000;

const rlimitNames = new Set([
  "as",
  "core",
  "cpu",
  "data",
  "fsize",
  "locks",
  "memlock",
  "msgqueue",
  "nice",
  "nofile",
  "nproc",
  "rss",
  "rtprio",
  "rttime",
  "sigpending",
  "stack",
]);

function rlimitValue(value: number, name: string): OciRlimitValue {
  if (value === -1) return RLIM_INFINITY;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ContainerSpecError(`ulimit ${name}: invalid value ${value}`);
  }
  return value;
}

function min(a: OciRlimitValue, b: OciRlimitValue): OciRlimitValue {
  return BigInt(a) <= BigInt(b) ? a : b;
}

/** The caller's own hard limits: runc fails with EPERM when asked for more (no CAP_SYS_RESOURCE). */
export interface RlimitHost {
  rlimitNofileHard: number;
  /** Hard limits by name, e.g. from `parseProcLimits`; names absent here are not clamped. */
  rlimitHard?: Readonly<Record<string, OciRlimitValue>>;
}

/**
 * OCI rlimits sorted by name. Each hard limit is clamped to the caller's (NOFILE always, others when
 * `rlimitHard` names them), and every soft limit to its hard limit.
 */
export function toOciRlimits(ulimits: readonly UlimitSpec[], host: RlimitHost): OciRlimit[] {
  const byName = new Map<string, UlimitSpec>();
  for (const u of ulimits) {
    const name = u.name.toLowerCase().replace(/^rlimit_/, "");
    if (!rlimitNames.has(name)) throw new ContainerSpecError(`unknown ulimit "${u.name}"`);
    byName.set(name, u);
  }
  return [...byName.keys()].sort().map((name) => {
    const u = byName.get(name)!;
    let hard = rlimitValue(u.hard, name);
    let soft = rlimitValue(u.soft, name);
    if (BigInt(soft) > BigInt(hard)) {
      throw new ContainerSpecError(`ulimit ${name}: soft limit ${u.soft} is above hard limit ${u.hard}`);
    }
    const cap = host.rlimitHard?.[name];
    if (cap !== undefined) hard = min(hard, cap);
    if (name === "nofile") hard = min(hard, host.rlimitNofileHard);
    soft = min(soft, hard);
    return { type: `RLIMIT_${name.toUpperCase()}`, hard, soft };
  });
}

/** Device cgroup rules: deny all (runc then adds its default allow list), or allow all when privileged. */
export function deviceRules(privileged: boolean | undefined): OciDeviceRule[] {
  return [{ allow: privileged === true, access: "rwm" }];
}

/** Host facts that shape resources. */
export interface ResourceHost {
  /** Whether the kernel accounts swap (memory.memsw.*); Docker doubles memory as memswap only then. */
  swapAccounting?: boolean;
}

function positive(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0) throw new ContainerSpecError(`${what}: invalid value ${value}`);
  return value;
}

/** Cgroup resources in OCI units: CPUs → CFS quota over a 100 ms period, memswap defaulting to 2× memory. */
export function toOciResources(
  limits: ResourceLimits,
  options: { privileged?: boolean; host?: ResourceHost } = {},
): OciResources {
  const resources: OciResources = { devices: deviceRules(options.privileged) };
  const memory = positive(limits.memoryBytes, "mem_limit");
  const reservation = positive(limits.memoryReservationBytes, "mem_reservation");
  let swap = limits.memorySwapBytes;
  if (swap !== undefined && swap !== -1) {
    positive(swap, "memswap_limit");
    if (memory === undefined) throw new ContainerSpecError("memswap_limit needs mem_limit");
    if (swap < memory) throw new ContainerSpecError("memswap_limit must not be below mem_limit");
  }
  if (swap === undefined && memory !== undefined && memory > 0 && options.host?.swapAccounting !== false) {
    swap = memory * 2;
  }
  if (options.host?.swapAccounting === false) swap = undefined;
  if (memory !== undefined || reservation !== undefined) {
    resources.memory = {};
    if (memory !== undefined && memory > 0) resources.memory.limit = memory;
    if (swap !== undefined && memory !== undefined && memory > 0) resources.memory.swap = swap;
    if (reservation !== undefined && reservation > 0) resources.memory.reservation = reservation;
    if (Object.keys(resources.memory).length === 0) delete resources.memory;
  }
  const cpu = cpuResources(limits);
  if (cpu) resources.cpu = cpu;
  if (limits.pidsLimit !== undefined && limits.pidsLimit > 0) resources.pids = { limit: limits.pidsLimit };
  return resources;
}

function cpuResources(limits: ResourceLimits): OciResources["cpu"] {
  const cpus = positive(limits.cpus, "cpus");
  if (cpus !== undefined && cpus > 0 && (limits.cpuQuota !== undefined || limits.cpuPeriod !== undefined)) {
    throw new ContainerSpecError("conflicting options: cpus cannot be combined with cpu_quota or cpu_period");
  }
  const cpu: NonNullable<OciResources["cpu"]> = {};
  if (cpus !== undefined && cpus > 0) {
    cpu.period = DEFAULT_CPU_PERIOD;
    cpu.quota = Math.round(cpus * DEFAULT_CPU_PERIOD);
  }
  const quota = limits.cpuQuota;
  if (quota !== undefined && quota !== 0) {
    if (quota !== -1 && quota < 1000) throw new ContainerSpecError("cpu_quota must be at least 1000 (1 ms)");
    cpu.quota = quota;
  }
  const period = positive(limits.cpuPeriod, "cpu_period");
  if (period !== undefined && period > 0) cpu.period = period;
  const shares = positive(limits.cpuShares, "cpu_shares");
  if (shares !== undefined && shares > 0) cpu.shares = shares;
  if (limits.cpusetCpus !== undefined && limits.cpusetCpus !== "") cpu.cpus = limits.cpusetCpus;
  return Object.keys(cpu).length === 0 ? undefined : cpu;
}
