import type { ImageInspect, ImageSummary, SystemInfo, SystemVersion } from "../../src/api/index.js";
import { API_VERSION, MIN_API_VERSION } from "../../src/api/index.js";
import type { EngineBackend } from "../../src/engine/backend.js";
import { BerthError } from "../../src/shared/errors.js";
import type { FakeBackend } from "./fake-backend.js";

/** An image held by the fake. */
export interface FakeImage {
  id: string;
  tags: string[];
  config: ImageInspect["Config"];
  created: string;
  size: number;
  /** The `changes` an import was asked to apply, in order (the fake records them, applies none). */
  changes?: string[];
}

async function readAll(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString("utf8");
}

/** The fake's system and image operations (split out to keep files small). */
export function fakeImageMethods(fake: FakeBackend) {
  const inUse = (image: FakeImage) =>
    [...fake.containers.values()].filter((c) => c.image.id === image.id).length;
  const summary = (image: FakeImage): ImageSummary => ({
    Id: image.id,
    ParentId: "",
    RepoTags: [...image.tags].sort(),
    RepoDigests: [],
    Created: Math.floor(Date.parse(image.created) / 1000),
    Size: image.size,
    SharedSize: -1,
    Labels: image.config.Labels ?? {},
    Containers: inUse(image),
  });
  return {
    version: async (): Promise<SystemVersion> => ({
      Platform: { Name: "berth fake engine" },
      Components: [{ Name: "Engine", Version: "0.0.0-fake", Details: { ApiVersion: API_VERSION } }],
      Version: "0.0.0-fake",
      ApiVersion: API_VERSION,
      MinAPIVersion: MIN_API_VERSION,
      GitCommit: "fake",
      GoVersion: "node",
      Os: "linux",
      Arch: "amd64",
      KernelVersion: "6.0.0",
      BuildTime: "",
    }),
    info: async (): Promise<SystemInfo> => {
      const all = [...fake.containers.values()];
      const count = (s: string) => all.filter((c) => c.status === s).length;
      return {
        ID: "fake",
        Containers: all.length,
        ContainersRunning: count("running"),
        ContainersPaused: count("paused"),
        ContainersStopped: count("exited"),
        Images: fake.images.size,
        Driver: "overlay",
        DriverStatus: [],
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
        SystemTime: fake.iso(),
        LoggingDriver: "k8s-file",
        CgroupDriver: "cgroupfs",
        CgroupVersion: "1",
        NEventsListener: 0,
        KernelVersion: "6.0.0",
        OperatingSystem: "fake",
        OSVersion: "",
        OSType: "linux",
        Architecture: "x86_64",
        NCPU: 2,
        MemTotal: 1 << 30,
        IndexServerAddress: "",
        DockerRootDir: "/fake",
        Name: "fake",
        Labels: [],
        ExperimentalBuild: false,
        ServerVersion: "0.0.0-fake",
        Runtimes: { runc: { path: "runc" } },
        DefaultRuntime: "runc",
        LiveRestoreEnabled: true,
        Isolation: "",
        InitBinary: "catatonit",
        SecurityOptions: [],
        Warnings: null,
      };
    },
    listImages: async (query: Parameters<EngineBackend["listImages"]>[0]) => {
      const refs = query.filters.reference ?? [];
      return [...fake.images.values()]
        .filter(
          (image) =>
            refs.length === 0 ||
            image.tags.some((tag) => refs.some((r) => tag === r || tag.startsWith(`${r}:`))),
        )
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(summary);
    },
    inspectImage: async (name: string): Promise<ImageInspect> => {
      const image = fake.findImage(name);
      return {
        Id: image.id,
        RepoTags: [...image.tags].sort(),
        RepoDigests: [],
        Parent: "",
        Comment: "",
        Created: image.created,
        DockerVersion: "",
        Author: "",
        Config: image.config,
        Architecture: "amd64",
        Os: "linux",
        Size: image.size,
        GraphDriver: { Name: "overlay", Data: null },
        RootFS: { Type: "layers", Layers: [image.id] },
        Metadata: {},
      };
    },
    tagImage: async (name: string, query: { repo: string; tag?: string | undefined }) => {
      const image = fake.findImage(name);
      const repo = query.repo.replace(/^docker\.io\//, "").replace(/^library\//, "");
      const ref = `${repo}:${query.tag ?? "latest"}`;
      for (const other of fake.images.values()) other.tags = other.tags.filter((t) => t !== ref);
      image.tags.push(ref);
      fake.emit("image", "tag", image.id, { name: ref });
    },
    removeImage: async (name: string, query: { force: boolean }) => {
      const image = fake.findImage(name);
      const ref = name.includes(":") ? name : `${name}:latest`;
      if (image.tags.includes(ref) && image.tags.length > 1) {
        image.tags = image.tags.filter((t) => t !== ref);
        return [{ Untagged: ref }];
      }
      if (inUse(image) > 0 && !query.force) {
        throw new BerthError(
          "CONFLICT",
          `conflict: unable to remove repository reference "${name}" (must force) - container is using its referenced image ${image.id.slice(7, 19)}`,
        );
      }
      fake.images.delete(image.id);
      fake.emit("image", "delete", image.id, { name });
      return [...image.tags.map((t) => ({ Untagged: t })), { Deleted: image.id }];
    },
    loadImages: async (archive: AsyncIterable<Buffer>) => {
      const refs = (await readAll(archive)).split("\n").filter((line) => line.startsWith("image "));
      if (refs.length === 0) throw new BerthError("INVALID_ARGUMENT", "archive holds no image");
      return {
        loaded: refs.map((line) => {
          const ref = line.slice(6);
          const image = fake.addImage(ref);
          fake.emit("image", "load", image.id, { name: ref });
          return { ref, id: image.id };
        }),
      };
    },
    saveImages: async (names: string[]) => {
      const images = names.map((name) => ({ name, image: fake.findImage(name) }));
      return (async function* () {
        for (const { name } of images)
          yield Buffer.from(`image ${name.includes(":") ? name : `${name}:latest`}\n`);
      })();
    },
    pruneImages: async () => {
      const deleted = [...fake.images.values()].filter(
        (image) => image.tags.length === 0 && inUse(image) === 0,
      );
      for (const image of deleted) fake.images.delete(image.id);
      return {
        ImagesDeleted: deleted.length > 0 ? deleted.map((i) => ({ Deleted: i.id })) : null,
        SpaceReclaimed: deleted.reduce((n, i) => n + i.size, 0),
      };
    },
    importImage: async (
      rootfs: AsyncIterable<Buffer>,
      options: { repo?: string | undefined; tag?: string | undefined; changes?: string[] },
    ) => {
      const size = (await readAll(rootfs)).length;
      const image = fake.addImage(options.repo ? `${options.repo}:${options.tag ?? "latest"}` : "");
      image.tags = image.tags.filter((t) => t !== "");
      image.size = size;
      if (options.changes !== undefined && options.changes.length > 0) image.changes = [...options.changes];
      fake.emit("image", "import", image.id, { name: options.repo ?? "" });
      return { Id: image.id };
    },
  };
}
