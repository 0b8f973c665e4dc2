import type { ContainerInspect, ContainerSummary } from "../../src/api/index.js";
import type { FakeContainer } from "./fake-backend.js";
import { inspectPorts, summaryPorts } from "./fake-backend-ports.js";

function statusText(c: FakeContainer): string {
  if (c.status === "running") return "Up Less than a second";
  if (c.status === "paused") return "Up Less than a second (Paused)";
  if (c.status === "exited") return `Exited (${c.exitCode}) Less than a second ago`;
  return "Created";
}

/** The list entry of a fake container. */
export function summaryOf(c: FakeContainer, argv: string[]): ContainerSummary {
  return {
    Id: c.id,
    Names: [`/${c.name}`],
    Image: c.body.Image,
    ImageID: c.image.id,
    Command: argv.join(" "),
    Created: Math.floor(Date.parse(c.created) / 1000),
    Ports: summaryPorts(c),
    Labels: c.body.Labels ?? {},
    State: c.status,
    Status: statusText(c),
    HostConfig: { NetworkMode: c.body.HostConfig?.NetworkMode ?? "none" },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  };
}

/** The inspect document of a fake container. */
export function inspectOf(c: FakeContainer, argv: string[]): ContainerInspect {
  const { HostConfig, NetworkingConfig: _n, ...config } = c.body;
  const [path = "", ...args] = argv;
  const health = c.body.Healthcheck?.Test && c.body.Healthcheck.Test[0] !== "NONE";
  return {
    Id: c.id,
    Created: c.created,
    Path: path,
    Args: args,
    State: {
      Status: c.status,
      Running: c.status === "running" || c.status === "paused",
      Paused: c.status === "paused",
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: c.status === "running" || c.status === "paused" ? 4242 : 0,
      ExitCode: c.exitCode,
      Error: "",
      StartedAt: c.startedAt,
      FinishedAt: c.finishedAt,
      ...(health ? { Health: { Status: "starting" as const, FailingStreak: 0, Log: [] } } : {}),
    },
    Image: c.image.id,
    ResolvConfPath: "",
    HostnamePath: "",
    HostsPath: "",
    LogPath: "",
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: "overlay",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "",
    ExecIDs: c.execIds.length > 0 ? [...c.execIds] : null,
    HostConfig: HostConfig ?? {},
    GraphDriver: { Name: "overlay", Data: null },
    Mounts: [],
    Config: { ...config, Hostname: config.Hostname || c.id.slice(0, 12), Labels: config.Labels ?? {} },
    NetworkSettings: { Ports: inspectPorts(c), Networks: {} },
  };
}
