import { describe, expect, it } from "vitest";
import {
  canonicalContainerConfig,
  readContainerConfig,
} from "../../../../src/image/config/container-config.js";
import { buildImageConfig, buildManifest, ociPlatformOf } from "../../../../src/image/config/image-config.js";
import { sha256Digest } from "../../../../src/image/digest.js";
import { mediaTypes } from "../../../../src/image/store/media-types.js";
import { parseImageConfig, parseManifest } from "../../../../src/image/store/oci-types.js";

const diffId = sha256Digest("layer");

describe("buildImageConfig", () => {
  it("writes canonical JSON: fixed key order, sorted maps, no empty values", () => {
    const bytes = buildImageConfig({
      architecture: "arm64",
      variant: "v8",
      os: "linux",
      created: new Date("2024-01-02T03:04:05Z"),
      config: {
        Labels: { z: "1", a: "2" },
        Cmd: ["sh"],
        WorkingDir: "",
        ExposedPorts: { "81/tcp": {}, "80/tcp": {} },
      },
      diffIds: [diffId],
      history: [
        { created: "2024-01-02T03:04:05Z", created_by: "x", empty_layer: false },
        { empty_layer: true },
      ],
    });
    expect(bytes.toString()).toBe(
      `{"created":"2024-01-02T03:04:05.000Z","architecture":"arm64","variant":"v8","os":"linux",` +
        `"config":{"ExposedPorts":{"80/tcp":{},"81/tcp":{}},"Cmd":["sh"],"Labels":{"a":"2","z":"1"}},` +
        `"rootfs":{"type":"layers","diff_ids":["${diffId}"]},` +
        `"history":[{"created":"2024-01-02T03:04:05Z","created_by":"x"},{"empty_layer":true}]}`,
    );
    const parsed = parseImageConfig(bytes);
    expect([parsed.architecture, parsed.os, parsed.diffIds]).toEqual(["arm64", "linux", [diffId]]);
  });

  it("round-trips a container config through readContainerConfig, dropping malformed fields", () => {
    const config = {
      User: "app",
      Env: ["A=1"],
      Entrypoint: ["/e"],
      Cmd: ["c"],
      Volumes: { "/v": {} },
      WorkingDir: "/w",
      Labels: { l: "1" },
      StopSignal: "SIGINT",
      ArgsEscaped: true,
      Healthcheck: { Test: ["CMD", "true"], Interval: 1e9, Retries: 2 },
      OnBuild: ["RUN x"],
      Shell: ["/bin/bash", "-c"],
      ExposedPorts: { "1/udp": {} },
    };
    const bytes = buildImageConfig({
      architecture: "amd64",
      os: "linux",
      created: new Date(0),
      config,
      diffIds: [],
      history: [],
    });
    expect(readContainerConfig(parseImageConfig(bytes).raw)).toEqual(config);
    expect(
      readContainerConfig({
        config: { Env: "A=1", Cmd: [1], Labels: { a: 1, b: "2" }, Healthcheck: { Interval: "x" } },
      }),
    ).toEqual({ Labels: { b: "2" }, Healthcheck: {} });
    expect(readContainerConfig({})).toEqual({});
    expect(Object.keys(canonicalContainerConfig({ Cmd: ["a"], User: "u", Env: [] }))).toEqual([
      "User",
      "Env",
      "Cmd",
    ]);
  });
});

describe("buildManifest", () => {
  it("writes an OCI manifest that the store parses back", () => {
    const bytes = buildManifest({
      config: { mediaType: mediaTypes.ociConfig, digest: sha256Digest("c"), size: 1 },
      layers: [
        { mediaType: mediaTypes.ociLayerGzip, digest: sha256Digest("l"), size: 2, annotations: { x: "y" } },
      ],
    });
    expect(JSON.parse(bytes.toString())).toEqual({
      schemaVersion: 2,
      mediaType: mediaTypes.ociManifest,
      config: { mediaType: mediaTypes.ociConfig, digest: sha256Digest("c"), size: 1 },
      layers: [{ mediaType: mediaTypes.ociLayerGzip, digest: sha256Digest("l"), size: 2 }],
    });
    expect(parseManifest(bytes).layers).toHaveLength(1);
  });
});

describe("ociPlatformOf", () => {
  it.each([
    ["x64", { architecture: "amd64" }],
    ["arm64", { architecture: "arm64", variant: "v8" }],
    ["arm", { architecture: "arm", variant: "v7" }],
    ["ia32", { architecture: "386" }],
    ["ppc64", { architecture: "ppc64le" }],
    ["s390x", { architecture: "s390x" }],
    ["weird", { architecture: "weird" }],
  ])("maps %s", (arch, platform) => {
    expect(ociPlatformOf(arch)).toEqual(platform);
  });
});
