import { describe, expect, it } from "vitest";
import { repoTagNames } from "../../../../src/image/archive/docker-save-format.js";
import { annotatedName } from "../../../../src/image/archive/oci-layout-format.js";
import {
  archiveIndex,
  dockerManifest,
  repositoriesFile,
  type SaveEntry,
} from "../../../../src/image/archive/save-images.js";
import { archivePath } from "../../../../src/image/archive/stage-archive.js";
import { sha256Digest } from "../../../../src/image/digest.js";
import type { ImageRecord } from "../../../../src/image/store/image-store.js";
import { mediaTypes } from "../../../../src/image/store/media-types.js";

describe("archivePath", () => {
  it.each([
    ["manifest.json", "manifest.json"],
    ["./blobs//sha256/ab", "blobs/sha256/ab"],
    ["dir/./x/", "dir/x"],
  ])("normalizes %s", (name, path) => {
    expect(archivePath(name)).toBe(path);
  });

  it.each([
    ["/etc/passwd", "absolute path"],
    ["../x", "escapes the archive"],
    ["a/../../x", "escapes the archive"],
    ["a/../b", "escapes the archive"],
  ])("refuses %s", (name, message) => {
    expect(() => archivePath(name)).toThrow(message);
  });
});

describe("names in archives", () => {
  it.each([
    [{ "io.containerd.image.name": "docker.io/library/busybox:latest" }, "docker.io/library/busybox:latest"],
    [
      { "io.containerd.image.name": "busybox", "org.opencontainers.image.ref.name": "x:1" },
      "docker.io/library/busybox:latest",
    ],
    [{ "org.opencontainers.image.ref.name": "example.com/app:2" }, "example.com/app:2"],
    [{ "org.opencontainers.image.ref.name": "app:2" }, "docker.io/library/app:2"],
    [{ "org.opencontainers.image.ref.name": "latest" }, undefined],
    [{ "org.opencontainers.image.ref.name": `app@${sha256Digest("m")}` }, undefined],
    [{ "io.containerd.image.name": "NOT VALID" }, undefined],
    [undefined, undefined],
  ])("annotatedName(%j)", (annotations, name) => {
    expect(annotatedName(annotations)).toBe(name);
  });

  it("reads RepoTags as full names and refuses digests there", () => {
    expect(repoTagNames(["busybox", "example.com:5000/a/b:c"])).toEqual([
      "docker.io/library/busybox:latest",
      "example.com:5000/a/b:c",
    ]);
    expect(() => repoTagNames([`busybox@${sha256Digest("m")}`])).toThrow("RepoTags may not hold digests");
  });
});

const layer = sha256Digest("layer");
const config = sha256Digest("config");
const manifest = sha256Digest("manifest");
const recordOf = (): ImageRecord => ({
  id: config,
  manifestDigest: manifest,
  names: [],
  manifest: {
    schemaVersion: 2,
    mediaType: mediaTypes.ociManifest,
    config: { mediaType: mediaTypes.ociConfig, digest: config, size: 10 },
    layers: [{ mediaType: mediaTypes.ociLayerGzip, digest: layer, size: 20 }],
  },
  config: { architecture: "amd64", os: "linux", created: undefined, diffIds: [], raw: {} },
});

describe("saved archive documents", () => {
  const named: SaveEntry = {
    record: recordOf(),
    names: ["docker.io/library/busybox:latest", "example.com/x/y:2"],
    manifestSize: 300,
  };
  const unnamed: SaveEntry = { record: recordOf(), names: [], manifestSize: 300 };

  it("index.json names each image the way Docker 25+ does", () => {
    const descriptor = { mediaType: mediaTypes.ociManifest, digest: manifest, size: 300 };
    expect(JSON.parse(archiveIndex([named, unnamed]))).toEqual({
      schemaVersion: 2,
      mediaType: mediaTypes.ociIndex,
      manifests: [
        {
          ...descriptor,
          annotations: {
            "io.containerd.image.name": "docker.io/library/busybox:latest",
            "org.opencontainers.image.ref.name": "latest",
          },
        },
        {
          ...descriptor,
          annotations: {
            "io.containerd.image.name": "example.com/x/y:2",
            "org.opencontainers.image.ref.name": "2",
          },
        },
        descriptor,
      ],
    });
  });

  it("manifest.json and repositories point into the OCI blobs", () => {
    expect(JSON.parse(dockerManifest([named, unnamed]))).toEqual([
      {
        Config: `blobs/sha256/${config.slice(7)}`,
        RepoTags: ["busybox:latest", "example.com/x/y:2"],
        Layers: [`blobs/sha256/${layer.slice(7)}`],
      },
      {
        Config: `blobs/sha256/${config.slice(7)}`,
        RepoTags: null,
        Layers: [`blobs/sha256/${layer.slice(7)}`],
      },
    ]);
    expect(JSON.parse(repositoriesFile([named, unnamed]))).toEqual({
      busybox: { latest: layer.slice(7) },
      "example.com/x/y": { "2": layer.slice(7) },
    });
  });
});
