import type { ContainerCreateBody, HealthConfig, HostConfig } from "../../../app/containers/api-types.js";
import { runNetworking } from "../../../app/networks/run-networking.js";
import { UsageError } from "../../../shared/errors.js";
import { parseDuration } from "../../render/duration.js";
import { parseSize, parseSizeOrUnlimited } from "../../render/size.js";
import type { RunFlags } from "./run-options.js";
import {
  envEntry,
  parseCpus,
  parseEnvFile,
  parseInteger,
  parseKeyValue,
  parseMount,
  parseRestart,
  parseTmpfs,
  parseUlimit,
  splitVolume,
} from "./run-parsers.js";

/** What the body builder reads besides the flags: the caller's environment and env files. */
export interface RunHost {
  lookupEnv: (key: string) => string | undefined;
  readTextFile: (path: string) => string | undefined;
}

function healthOf(flags: RunFlags): HealthConfig | undefined {
  const tuned =
    flags.healthInterval !== undefined ||
    flags.healthTimeout !== undefined ||
    flags.healthRetries !== undefined ||
    flags.healthStartPeriod !== undefined ||
    flags.healthStartInterval !== undefined;
  if (!flags.healthcheck) {
    if (flags.healthCmd !== undefined || tuned) {
      throw new UsageError("--no-healthcheck conflicts with --health-* options");
    }
    return { Test: ["NONE"] };
  }
  if (flags.healthCmd === undefined && !tuned) return undefined;
  const health: HealthConfig = {};
  if (flags.healthCmd !== undefined) health.Test = ["CMD-SHELL", flags.healthCmd];
  if (flags.healthInterval !== undefined)
    health.Interval = parseDuration(flags.healthInterval, "--health-interval");
  if (flags.healthTimeout !== undefined)
    health.Timeout = parseDuration(flags.healthTimeout, "--health-timeout");
  if (flags.healthStartPeriod !== undefined)
    health.StartPeriod = parseDuration(flags.healthStartPeriod, "--health-start-period");
  if (flags.healthStartInterval !== undefined)
    health.StartInterval = parseDuration(flags.healthStartInterval, "--health-start-interval");
  if (flags.healthRetries !== undefined) {
    const retries = parseInteger(flags.healthRetries, "--health-retries");
    if (retries < 0) throw new UsageError("--health-retries cannot be negative");
    health.Retries = retries;
  }
  return health;
}

function environment(flags: RunFlags, host: RunHost): string[] {
  const env: string[] = [];
  for (const file of flags.envFile) {
    const text = host.readTextFile(file);
    if (text === undefined) throw new UsageError(`--env-file ${file}: no such file`);
    env.push(...parseEnvFile(text, { file, flag: "--env-file", lookup: host.lookupEnv }));
  }
  for (const value of flags.env) {
    const entry = envEntry(value, host.lookupEnv);
    if (entry !== undefined) env.push(entry);
  }
  return env;
}

function hostConfig(flags: RunFlags): HostConfig {
  const host: HostConfig = {};
  const binds: string[] = [];
  for (const volume of flags.volume) {
    const split = splitVolume(volume);
    if ("bind" in split) binds.push(split.bind);
  }
  if (binds.length > 0) host.Binds = binds;
  if (flags.mount.length > 0) host.Mounts = flags.mount.map(parseMount);
  if (flags.volumesFrom !== undefined && flags.volumesFrom.length > 0) host.VolumesFrom = flags.volumesFrom;
  if (flags.tmpfs.length > 0) host.Tmpfs = Object.fromEntries(flags.tmpfs.map(parseTmpfs));
  if (flags.init) host.Init = true;
  if (flags.readOnly) host.ReadonlyRootfs = true;
  if (flags.privileged) host.Privileged = true;
  if (flags.memory !== undefined) host.Memory = parseSize(flags.memory, "--memory");
  if (flags.memorySwap !== undefined)
    host.MemorySwap = parseSizeOrUnlimited(flags.memorySwap, "--memory-swap");
  if (flags.cpus !== undefined) host.NanoCpus = parseCpus(flags.cpus);
  if (flags.cpuShares !== undefined) host.CpuShares = parseInteger(flags.cpuShares, "--cpu-shares");
  if (flags.pidsLimit !== undefined) host.PidsLimit = parseInteger(flags.pidsLimit, "--pids-limit");
  if (flags.restart !== undefined) host.RestartPolicy = parseRestart(flags.restart);
  if (flags.capAdd.length > 0) host.CapAdd = flags.capAdd;
  if (flags.capDrop.length > 0) host.CapDrop = flags.capDrop;
  if (flags.securityOpt.length > 0) host.SecurityOpt = flags.securityOpt;
  if (flags.ulimit.length > 0) host.Ulimits = flags.ulimit.map(parseUlimit);
  if (flags.sysctl.length > 0)
    host.Sysctls = Object.fromEntries(flags.sysctl.map((s) => parseKeyValue(s, "--sysctl", false)));
  if (flags.shmSize !== undefined) host.ShmSize = parseSize(flags.shmSize, "--shm-size");
  return host;
}

/** Builds the create body of `run`/`create` from the flags, IMAGE and [COMMAND] [ARG...]. */
export function createBody(
  flags: RunFlags,
  image: string,
  command: readonly string[],
  host: RunHost,
): ContainerCreateBody {
  if (flags.restart !== undefined && flags.rm && parseRestart(flags.restart).Name !== "no") {
    throw new UsageError("conflicting options: cannot specify both --restart and --rm");
  }
  const networking = runNetworking(flags);
  const body: ContainerCreateBody = {
    Image: image,
    ...networking.config,
    HostConfig: { ...hostConfig(flags), ...networking.host },
    ...(networking.networking !== undefined ? { NetworkingConfig: networking.networking } : {}),
  };
  if (command.length > 0) body.Cmd = [...command];
  if (flags.entrypoint !== undefined) body.Entrypoint = [flags.entrypoint];
  const env = environment(flags, host);
  if (env.length > 0) body.Env = env;
  if (flags.user !== undefined) body.User = flags.user;
  if (flags.workdir !== undefined) body.WorkingDir = flags.workdir;
  if (flags.label.length > 0)
    body.Labels = Object.fromEntries(flags.label.map((l) => parseKeyValue(l, "-l, --label", true)));
  const anonymous = flags.volume.map(splitVolume).filter((v) => "anonymous" in v);
  if (anonymous.length > 0) body.Volumes = Object.fromEntries(anonymous.map((v) => [v.anonymous, {}]));
  const health = healthOf(flags);
  if (health !== undefined) body.Healthcheck = health;
  if (flags.stopSignal !== undefined) body.StopSignal = flags.stopSignal;
  if (flags.stopTimeout !== undefined) body.StopTimeout = parseInteger(flags.stopTimeout, "--stop-timeout");
  return body;
}
