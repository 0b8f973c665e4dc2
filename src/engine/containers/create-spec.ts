import type { ContainerCreateBody } from "../../api/index.js";
import type {
  ContainerSpec,
  EtcFiles,
  ImageConfigInputs,
  MountSpec,
  NetworkAttachment,
  ResourceLimits,
  RestartSpec,
} from "../../runtime/spec/index.js";
import { BerthError } from "../../shared/errors.js";
import { type HealthInput, healthSpecOf } from "./health-spec.js";
import { parseBind, parseTmpfsOptions } from "./parse-binds.js";

/** The image's side of a container: what `config` of its image config says. */
export interface ImageSide extends ImageConfigInputs {
  healthcheck?: HealthInput;
  /** Ports the image exposes ("80/tcp"), published by PublishAllPorts. */
  exposedPorts?: readonly string[];
  labels?: Readonly<Record<string, string>>;
}

/** Inputs of the translation; everything host-specific is resolved by the caller and passed in. */
export interface CreateSpecInput {
  id: string;
  name: string;
  rootfs: string;
  body: ContainerCreateBody;
  image: ImageSide;
  /** Host directory of a named volume (the caller creates it). */
  volumePath(name: string): string;
  /** Host path of the static init bound in for `Init: true`. */
  initPath: string;
  etcFiles?: EtcFiles;
  /** The network namespace when the container joins one; otherwise NetworkMode decides. */
  netnsPath?: string;
  /** Mounts already resolved by the engine (volumes found or made); otherwise taken from the request. */
  mounts?: MountSpec[];
}

/** The spec and Docker-style warnings for the create response. */
export interface CreateSpecResult {
  spec: ContainerSpec;
  warnings: string[];
}

function networkOf(
  mode: string | null | undefined,
  netnsPath: string | undefined,
  warnings: string[],
): NetworkAttachment {
  if (netnsPath) return { mode: "netns", path: netnsPath };
  if (mode === "host") return { mode: "host" };
  if (mode === "none") return { mode: "none" };
  if (mode && mode !== "default" && mode !== "bridge") {
    throw new BerthError(
      "INVALID_ARGUMENT",
      `network mode "${mode}" is not supported yet (use none or host)`,
    );
  }
  warnings.push("bridge networking is not available yet: the container has a loopback interface only");
  return { mode: "none" };
}

function restartOf(body: ContainerCreateBody): RestartSpec | undefined {
  const policy = body.HostConfig?.RestartPolicy;
  const name = policy?.Name ?? "";
  if (name === "" || name === "no") return undefined;
  return name === "on-failure" && policy?.MaximumRetryCount
    ? { policy: name, maxRetries: policy.MaximumRetryCount }
    : { policy: name };
}

function resourcesOf(body: ContainerCreateBody): ResourceLimits | undefined {
  const host = body.HostConfig;
  if (!host) return undefined;
  if (host.NanoCpus && host.CpuQuota) {
    throw new BerthError("INVALID_ARGUMENT", "conflicting options: NanoCpus and CpuQuota cannot both be set");
  }
  const limits: ResourceLimits = {};
  if (host.Memory) limits.memoryBytes = host.Memory;
  if (host.MemorySwap) limits.memorySwapBytes = host.MemorySwap;
  if (host.MemoryReservation) limits.memoryReservationBytes = host.MemoryReservation;
  if (host.NanoCpus) limits.cpus = host.NanoCpus / 1e9;
  if (host.CpuShares) limits.cpuShares = host.CpuShares;
  if (host.CpuQuota) limits.cpuQuota = host.CpuQuota;
  if (host.CpuPeriod) limits.cpuPeriod = host.CpuPeriod;
  if (host.CpusetCpus) limits.cpusetCpus = host.CpusetCpus;
  if (host.PidsLimit) limits.pidsLimit = host.PidsLimit;
  return Object.keys(limits).length > 0 ? limits : undefined;
}

function mountsOf(input: CreateSpecInput): MountSpec[] {
  const host = input.body.HostConfig;
  const mounts: MountSpec[] = [];
  for (const entry of host?.Binds ?? []) {
    const bind = parseBind(entry);
    if (bind.kind === "bind") {
      mounts.push({
        type: "bind",
        source: bind.source,
        target: bind.target,
        readOnly: bind.readOnly,
        ...(bind.propagation ? { propagation: bind.propagation } : {}),
      });
    } else {
      const name = bind.source === "" ? `${input.id.slice(0, 12)}-${mounts.length}` : bind.source;
      mounts.push({
        type: "volume",
        name,
        source: input.volumePath(name),
        target: bind.target,
        readOnly: bind.readOnly,
      });
    }
  }
  for (const mount of host?.Mounts ?? []) {
    if (mount.Type === "bind") {
      if (!mount.Source)
        throw new BerthError("INVALID_ARGUMENT", `bind mount ${mount.Target}: Source is required`);
      const propagation = mount.BindOptions?.Propagation;
      mounts.push({
        type: "bind",
        source: mount.Source,
        target: mount.Target,
        readOnly: mount.ReadOnly ?? false,
        recursive: !(mount.BindOptions?.NonRecursive ?? false),
        ...(propagation ? { propagation: propagation as "rprivate" } : {}),
      });
    } else if (mount.Type === "volume") {
      const name = mount.Source || `${input.id.slice(0, 12)}-${mounts.length}`;
      mounts.push({
        type: "volume",
        name,
        source: input.volumePath(name),
        target: mount.Target,
        readOnly: mount.ReadOnly ?? false,
      });
    } else if (mount.Type === "tmpfs") {
      mounts.push({
        type: "tmpfs",
        target: mount.Target,
        ...(mount.TmpfsOptions?.SizeBytes ? { sizeBytes: mount.TmpfsOptions.SizeBytes } : {}),
        ...(mount.TmpfsOptions?.Mode ? { mode: mount.TmpfsOptions.Mode } : {}),
        ...(mount.ReadOnly ? { readOnly: true } : {}),
      });
    } else {
      throw new BerthError("INVALID_ARGUMENT", `mount type "${mount.Type}" is not supported`);
    }
  }
  for (const [target, options] of Object.entries(host?.Tmpfs ?? {})) {
    mounts.push({ type: "tmpfs", target, ...parseTmpfsOptions(target, options) });
  }
  return mounts;
}

function envMap(env: readonly string[] | null | undefined): Record<string, string> | undefined {
  if (!env || env.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const entry of env) {
    const equals = entry.indexOf("=");
    if (equals > 0) out[entry.slice(0, equals)] = entry.slice(equals + 1);
    // `KEY` without `=`: Docker drops it (the client resolves it from its own environment).
  }
  return out;
}

/** Translates a Docker create request (plus the image's config) into berth's ContainerSpec. Pure. */
export function containerSpecFromCreate(input: CreateSpecInput): CreateSpecResult {
  const { body } = input;
  const host = body.HostConfig ?? {};
  const warnings: string[] = [];
  const securityOpts = host.SecurityOpt ?? [];
  const unknownOpt = securityOpts.find(
    (o) => !/^no-new-privileges(?:[:=]true)?$/.test(o) && !/^no-new-privileges[:=]false$/.test(o),
  );
  if (unknownOpt !== undefined)
    warnings.push(`security option "${unknownOpt}" is not supported and was ignored`);
  const env = envMap(body.Env);
  const restart = restartOf(body);
  const resources = resourcesOf(body);
  const health = healthSpecOf(body.Healthcheck, input.image.healthcheck);
  const labels = { ...(input.image.labels ?? {}), ...(body.Labels ?? {}) };
  const spec: ContainerSpec = {
    id: input.id,
    name: input.name,
    rootfs: input.rootfs,
    image: input.image,
    hostname: body.Hostname || input.id.slice(0, 12),
    network: networkOf(host.NetworkMode, input.netnsPath, warnings),
    mounts: input.mounts ?? mountsOf(input),
    ...(body.Entrypoint ? { entrypoint: body.Entrypoint } : {}),
    ...(body.Cmd ? { command: body.Cmd } : {}),
    ...(env ? { env } : {}),
    ...(body.User ? { user: body.User } : {}),
    ...(host.GroupAdd?.length ? { groupAdd: host.GroupAdd } : {}),
    ...(body.WorkingDir ? { workingDir: body.WorkingDir } : {}),
    ...(body.Domainname ? { domainname: body.Domainname } : {}),
    ...(host.ReadonlyRootfs ? { readOnly: true } : {}),
    ...(host.ShmSize ? { shmSizeBytes: host.ShmSize } : {}),
    ...(input.etcFiles ? { etcFiles: input.etcFiles } : {}),
    ...(host.CapAdd?.length ? { capAdd: host.CapAdd } : {}),
    ...(host.CapDrop?.length ? { capDrop: host.CapDrop } : {}),
    ...(host.Privileged ? { privileged: true } : {}),
    ...(securityOpts.some((o) => /^no-new-privileges(?:[:=]true)?$/.test(o))
      ? { noNewPrivileges: true }
      : {}),
    ...(host.Ulimits?.length
      ? { ulimits: host.Ulimits.map((u) => ({ name: u.Name, soft: u.Soft, hard: u.Hard })) }
      : {}),
    ...(host.Sysctls && Object.keys(host.Sysctls).length > 0 ? { sysctls: host.Sysctls } : {}),
    ...(resources ? { resources } : {}),
    ...(host.Init ? { init: { path: input.initPath } } : {}),
    ...(body.StopSignal ? { stopSignal: body.StopSignal } : {}),
    ...(typeof body.StopTimeout === "number" && body.StopTimeout >= 0
      ? { stopGracePeriodMs: body.StopTimeout * 1000 }
      : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(body.Tty ? { tty: true } : {}),
    ...(body.OpenStdin ? { stdinOpen: true } : {}),
    ...(health ? { health } : {}),
    ...(restart ? { restart } : {}),
  };
  return { spec, warnings };
}
