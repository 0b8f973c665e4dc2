import { describe, expect, it } from "vitest";
import { type Digest, sha256Digest } from "../../../../src/image/digest.js";
import type { ImageRecord } from "../../../../src/image/store/image-store.js";
import { mediaTypes } from "../../../../src/image/store/media-types.js";
import { imageHistoryView } from "../../../../src/image/views/history-view.js";
import { imageInspectView, imageSummaryView, unixSeconds } from "../../../../src/image/views/image-views.js";

const id = sha256Digest("config");
const manifestDigest = sha256Digest("manifest");
const diffIds = [sha256Digest("d1"), sha256Digest("d2")];

function record(raw: Record<string, unknown>, names: string[] = []): ImageRecord {
  return {
    id,
    manifestDigest,
    names,
    manifest: {
      schemaVersion: 2,
      mediaType: mediaTypes.ociManifest,
      config: { mediaType: mediaTypes.ociConfig, digest: id, size: 100 },
      layers: [
        { mediaType: mediaTypes.ociLayerGzip, digest: sha256Digest("l1"), size: 1000 },
        { mediaType: mediaTypes.ociLayerGzip, digest: sha256Digest("l2"), size: 20 },
      ],
    },
    config: {
      architecture: "amd64",
      os: "linux",
      created: typeof raw.created === "string" ? raw.created : undefined,
      diffIds: diffIds as Digest[],
      raw,
    },
  };
}

const full = record(
  {
    created: "2024-01-02T03:04:05.123456789Z",
    author: "me",
    comment: "note",
    architecture: "amd64",
    os: "linux",
    config: {
      User: "app",
      Env: ["PATH=/bin"],
      Cmd: ["sh"],
      ExposedPorts: { "80/tcp": {} },
      Labels: { a: "1" },
      StopSignal: "SIGQUIT",
      Healthcheck: { Test: ["CMD", "true"], Interval: 1e9 },
    },
    history: [
      { created: "2024-01-01T00:00:00Z", created_by: "ADD rootfs" },
      { created: "2024-01-01T00:00:01Z", created_by: "ENV X=1", empty_layer: true },
      { created: "2024-01-02T03:04:05Z", created_by: "COPY app", comment: "c" },
    ],
  },
  ["docker.io/library/busybox:latest", "example.com:5000/team/app:v1", "docker.io/library/busybox:1"],
);

describe("imageInspectView", () => {
  it("gives Docker's inspect shape", () => {
    expect(imageInspectView(full)).toEqual({
      Id: id,
      RepoTags: ["busybox:1", "busybox:latest", "example.com:5000/team/app:v1"],
      RepoDigests: [`busybox@${manifestDigest}`, `example.com:5000/team/app@${manifestDigest}`],
      Parent: "",
      Comment: "note",
      Created: "2024-01-02T03:04:05.123456789Z",
      DockerVersion: "",
      Author: "me",
      Config: {
        User: "app",
        ExposedPorts: { "80/tcp": {} },
        Env: ["PATH=/bin"],
        Cmd: ["sh"],
        Healthcheck: { Test: ["CMD", "true"], Interval: 1e9 },
        Volumes: null,
        WorkingDir: "",
        Entrypoint: null,
        OnBuild: null,
        Labels: { a: "1" },
        StopSignal: "SIGQUIT",
      },
      Architecture: "amd64",
      Os: "linux",
      Size: 1120,
      RootFS: { Type: "layers", Layers: diffIds },
      Metadata: { LastTagTime: "0001-01-01T00:00:00Z" },
    });
  });

  it("shows an unnamed image with empty lists, nulls and a variant, and takes a given size", () => {
    const view = imageInspectView(record({ variant: "v8", rootfs: {} }), { size: 7 });
    expect(view).toMatchObject({ RepoTags: [], RepoDigests: [], Created: "", Size: 7, Variant: "v8" });
    expect(view.Config).toEqual({
      User: "",
      Env: null,
      Cmd: null,
      Volumes: null,
      WorkingDir: "",
      Entrypoint: null,
      OnBuild: null,
      Labels: null,
    });
  });
});

describe("imageSummaryView", () => {
  it("gives Docker's list shape with Created in unix seconds", () => {
    expect(imageSummaryView(full)).toEqual({
      Id: id,
      ParentId: "",
      RepoTags: ["busybox:1", "busybox:latest", "example.com:5000/team/app:v1"],
      RepoDigests: [`busybox@${manifestDigest}`, `example.com:5000/team/app@${manifestDigest}`],
      Created: 1704164645,
      Size: 1120,
      SharedSize: -1,
      Labels: { a: "1" },
      Containers: -1,
    });
    expect(imageSummaryView(record({}), { size: 3 })).toMatchObject({
      Created: 0,
      Labels: {},
      Size: 3,
      RepoTags: [],
    });
  });

  it.each([
    [undefined, 0],
    ["not a time", 0],
    ["1970-01-01T00:00:01.999Z", 1],
  ])("unixSeconds(%j) is %d", (text, seconds) => {
    expect(unixSeconds(text)).toBe(seconds);
  });
});

describe("imageHistoryView", () => {
  it("lists history newest first, with layer sizes on the entries that made layers", () => {
    expect(imageHistoryView(full)).toEqual([
      {
        Id: id,
        Created: 1704164645,
        CreatedBy: "COPY app",
        Tags: ["busybox:1", "busybox:latest", "example.com:5000/team/app:v1"],
        Size: 20,
        Comment: "c",
      },
      { Id: "<missing>", Created: 1704067201, CreatedBy: "ENV X=1", Tags: null, Size: 0, Comment: "" },
      { Id: "<missing>", Created: 1704067200, CreatedBy: "ADD rootfs", Tags: null, Size: 1000, Comment: "" },
    ]);
    expect(imageHistoryView(full, [5, 6]).map((row) => row.Size)).toEqual([6, 0, 5]);
  });

  it("makes one row per layer when the config has no history", () => {
    const rows = imageHistoryView(record({ created: "1970-01-01T00:00:10Z" }));
    expect(rows.map((row) => [row.Id, row.Created, row.Size])).toEqual([
      [id, 10, 20],
      ["<missing>", 10, 1000],
    ]);
  });
});
