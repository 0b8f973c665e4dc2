import type { ContainerInspect, ContainerSummary, MountPoint } from "../../api/index.js";
import type { BundlePaths } from "../../runtime/index.js";
import { mergeEnv, resolveArgv } from "../../runtime/spec/index.js";
import { humanDuration } from "../../shared/durations.js";
import {
  networkModeOf,
  networkSettingsOf,
  summaryNetworkingOf,
} from "../networks/container-network-views.js";
import type { ContainerRecord } from "../state/container-record.js";
import { parseIso } from "../util/time.js";

/** The argv the container runs (Docker's Path + Args), or [] when it has none. */
export function argvOf(record: ContainerRecord): string[] {
  try {
    return resolveArgv(record.spec.image, {
      entrypoint: record.spec.entrypoint,
      command: record.spec.command,
    });
  } catch {
    return [];
  }
}

/** Labels as Docker shows them: the image's, overridden by the container's. */
export function labelsOf(record: ContainerRecord): Record<string, string> {
  return { ...(record.spec.labels ?? {}) };
}

/** The mounts of a container as inspect and list show them. */
export function mountPoints(record: ContainerRecord): MountPoint[] {
  return (record.spec.mounts ?? []).map((mount): MountPoint => {
    if (mount.type === "bind") {
      return {
        Type: "bind",
        Source: mount.source,
        Destination: mount.target,
        Mode: "",
        RW: !mount.readOnly,
        Propagation: mount.propagation ?? "rprivate",
      };
    }
    if (mount.type === "volume") {
      return {
        Type: "volume",
        Name: mount.name,
        Source: mount.source,
        Destination: mount.target,
        Driver: "local",
        Mode: "z",
        RW: !mount.readOnly,
        Propagation: "",
      };
    }
    return {
      Type: "tmpfs",
      Source: "",
      Destination: mount.target,
      Mode: "",
      RW: !mount.readOnly,
      Propagation: "",
    };
  });
}

/** The `Status` text of `docker ps` ("Up 5 seconds (healthy)", "Exited (0) 2 minutes ago", …). */
export function statusText(record: ContainerRecord, nowMs: number): string {
  const state = record.state;
  const since = (time: string) => humanDuration(Math.max(0, nowMs - (parseIso(time) ?? nowMs)));
  const health = record.health && record.spec.health ? record.health.Status : undefined;
  const healthText =
    health === "starting"
      ? " (health: starting)"
      : health === "healthy" || health === "unhealthy"
        ? ` (${health})`
        : "";
  switch (state.status) {
    case "running":
      return `Up ${since(state.startedAt)}${healthText}`;
    case "paused":
      return `Up ${since(state.startedAt)} (Paused)`;
    case "restarting":
      return `Restarting (${state.exitCode}) ${since(state.finishedAt)} ago`;
    case "exited":
      return state.finishedAt.startsWith("0001")
        ? "Created"
        : `Exited (${state.exitCode}) ${since(state.finishedAt)} ago`;
    case "dead":
      return "Dead";
    case "removing":
      return "Removal In Progress";
    default:
      return "Created";
  }
}

/** GET /containers/json entry. */
export function summaryOf(record: ContainerRecord, nowMs: number): ContainerSummary {
  return {
    Id: record.id,
    Names: [`/${record.name}`],
    Image: record.imageRef,
    ImageID: record.imageId,
    Command: argvOf(record).join(" "),
    Created: Math.floor((parseIso(record.created) ?? 0) / 1000),
    Ports: summaryNetworkingOf(record).Ports,
    Labels: labelsOf(record),
    State: record.state.status,
    Status: statusText(record, nowMs),
    HostConfig: { NetworkMode: networkModeOf(record) },
    NetworkSettings: summaryNetworkingOf(record).NetworkSettings,
    Mounts: mountPoints(record),
  };
}

/** Host paths inspect reports. */
export interface InspectPaths {
  bundle: BundlePaths;
  lowerDirs: string[];
}

/** The effective Config block: the image's values with the container's over them, as Docker shows it. */
function configOf(record: ContainerRecord): ContainerInspect["Config"] {
  const { HostConfig: _h, NetworkingConfig: _n, ...body } = record.body;
  const image = record.spec.image;
  const env = mergeEnv(image.env ?? [], record.spec.env ?? {});
  const overridesEntrypoint = body.Entrypoint !== undefined && body.Entrypoint !== null;
  return {
    ...body,
    Hostname: record.spec.hostname,
    Domainname: body.Domainname ?? "",
    User: body.User || image.user || "",
    Env: env,
    Cmd: body.Cmd ?? (overridesEntrypoint ? null : Array.isArray(image.cmd) ? [...image.cmd] : null),
    Entrypoint: overridesEntrypoint
      ? body.Entrypoint
      : Array.isArray(image.entrypoint)
        ? [...image.entrypoint]
        : null,
    WorkingDir: body.WorkingDir || image.workingDir || "",
    Labels: labelsOf(record),
    Image: record.imageRef,
    Tty: body.Tty ?? false,
    OpenStdin: body.OpenStdin ?? false,
    AttachStdin: body.AttachStdin ?? false,
    AttachStdout: body.AttachStdout ?? false,
    AttachStderr: body.AttachStderr ?? false,
  };
}

/** GET /containers/{id}/json. */
export function inspectOf(record: ContainerRecord, paths: InspectPaths, etcDir: string): ContainerInspect {
  const [path = "", ...args] = argvOf(record);
  const s = record.state;
  const up = s.status === "running" || s.status === "paused" || s.status === "restarting";
  return {
    Id: record.id,
    Created: record.created,
    Path: path,
    Args: args,
    State: {
      Status: s.status,
      Running: up,
      Paused: s.status === "paused",
      Restarting: s.status === "restarting",
      OOMKilled: s.oomKilled,
      Dead: s.status === "dead",
      Pid: s.pid,
      ExitCode: s.exitCode,
      Error: s.error,
      StartedAt: s.startedAt,
      FinishedAt: s.finishedAt,
      ...(record.health && record.spec.health ? { Health: record.health } : {}),
    },
    Image: record.imageId,
    ResolvConfPath: `${etcDir}/resolv.conf`,
    HostnamePath: `${etcDir}/hostname`,
    HostsPath: `${etcDir}/hosts`,
    LogPath: paths.bundle.log,
    Name: `/${record.name}`,
    RestartCount: record.restartCount,
    Driver: "overlay",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "",
    ExecIDs: record.execIds.length > 0 ? [...record.execIds] : null,
    HostConfig: {
      RestartPolicy: { Name: "no", MaximumRetryCount: 0 },
      ...(record.body.HostConfig ?? {}),
      NetworkMode: networkModeOf(record),
    },
    GraphDriver: {
      Name: "overlay",
      Data: {
        LowerDir: paths.lowerDirs.join(":"),
        UpperDir: paths.bundle.upper,
        WorkDir: paths.bundle.work,
        MergedDir: paths.bundle.rootfs,
      },
    },
    Mounts: mountPoints(record),
    Config: configOf(record),
    NetworkSettings: networkSettingsOf(
      record,
      record.spec.network.mode === "netns" ? record.spec.network.path : undefined,
    ),
  };
}
