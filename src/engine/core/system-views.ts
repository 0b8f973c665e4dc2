import { arch, cpus, hostname, release, totalmem } from "node:os";
import { API_VERSION, MIN_API_VERSION, type SystemInfo, type SystemVersion } from "../../api/index.js";
import type { EngineCore } from "./engine-core.js";

/** Go's name for the CPU architecture (Docker reports `amd64`, `arm64`). */
function goArch(): string {
  const names: Record<string, string> = {
    x64: "amd64",
    arm64: "arm64",
    arm: "arm",
    ia32: "386",
    s390x: "s390x",
  };
  return names[arch()] ?? arch();
}

/** GET /version. */
export function versionOf(version: string): SystemVersion {
  return {
    Platform: { Name: "berth" },
    Components: [
      {
        Name: "Engine",
        Version: version,
        Details: { ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION, Os: "linux", Arch: goArch() },
      },
    ],
    Version: version,
    ApiVersion: API_VERSION,
    MinAPIVersion: MIN_API_VERSION,
    GitCommit: "",
    GoVersion: `node${process.versions.node}`,
    Os: "linux",
    Arch: goArch(),
    KernelVersion: release(),
    BuildTime: "",
  };
}

/** GET /info. */
export async function infoOf(core: EngineCore, version: string): Promise<SystemInfo> {
  const records = [...core.records.values()];
  const count = (status: string) => records.filter((r) => r.state.status === status).length;
  return {
    ID: `berth-${core.paths.instance}`,
    Containers: records.length,
    ContainersRunning: count("running"),
    ContainersPaused: count("paused"),
    ContainersStopped: records.length - count("running") - count("paused"),
    Images: (await core.images.list()).length,
    Driver: "overlay",
    DriverStatus: [["Backing Filesystem", "overlayfs"]],
    MemoryLimit: true,
    SwapLimit: true,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    CPUShares: true,
    PidsLimit: true,
    OomKillDisable: false,
    Debug: false,
    NFd: 0,
    NGoroutines: 0,
    SystemTime: new Date(core.clock.now()).toISOString(),
    LoggingDriver: "k8s-file",
    CgroupDriver: "cgroupfs",
    CgroupVersion: "1",
    NEventsListener: core.events.listeners,
    KernelVersion: release(),
    OperatingSystem: "linux",
    OSVersion: "",
    OSType: "linux",
    Architecture: goArch(),
    NCPU: cpus().length,
    MemTotal: totalmem(),
    IndexServerAddress: "https://index.docker.io/v1/",
    DockerRootDir: core.paths.root,
    Name: hostname(),
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: version,
    Runtimes: { runc: { path: "runc" } },
    DefaultRuntime: "runc",
    LiveRestoreEnabled: true,
    Isolation: "",
    InitBinary: core.initPath,
    SecurityOptions: [],
    Warnings: null,
  };
}
