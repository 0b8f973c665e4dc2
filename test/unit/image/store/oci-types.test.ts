import { describe, expect, it } from "vitest";
import { sha256Digest } from "../../../../src/image/digest.js";
import { mediaTypes } from "../../../../src/image/store/media-types.js";
import {
  looksLikeIndex,
  parseImageConfig,
  parseIndex,
  parseManifest,
} from "../../../../src/image/store/oci-types.js";

const digest = sha256Digest("x");
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const manifestOf = (mediaType: string | undefined, configType: string) =>
  json({
    schemaVersion: 2,
    ...(mediaType ? { mediaType } : {}),
    config: { mediaType: configType, digest, size: 3 },
    layers: [{ mediaType: mediaTypes.dockerLayerGzip, digest, size: 10 }],
  });

describe("parseManifest", () => {
  it.each([
    [mediaTypes.ociManifest, mediaTypes.ociConfig],
    [mediaTypes.dockerManifest, mediaTypes.dockerConfig],
    [undefined, mediaTypes.ociConfig],
  ])("reads %s manifests", (mediaType, configType) => {
    const manifest = parseManifest(manifestOf(mediaType, configType));
    expect(manifest.config).toEqual({ mediaType: configType, digest, size: 3 });
    expect(manifest.layers).toHaveLength(1);
  });

  it("names what is wrong", () => {
    expect(() => parseManifest(Buffer.from("{"))).toThrow("manifest is not valid JSON");
    expect(() => parseManifest(json({ schemaVersion: 1 }))).toThrow("schemaVersion 1");
    expect(() => parseManifest(manifestOf("text/plain", mediaTypes.ociConfig))).toThrow(
      "unsupported media type text/plain",
    );
    expect(() => parseManifest(manifestOf(undefined, "text/plain"))).toThrow(
      "config has unsupported media type",
    );
    const badLayer = json({
      schemaVersion: 2,
      config: { mediaType: mediaTypes.ociConfig, digest, size: 1 },
      layers: [{ mediaType: "x", digest: "sha256:1", size: 1 }],
    });
    expect(() => parseManifest(badLayer)).toThrow("manifest layer 0 has a bad digest");
  });
});

describe("parseIndex and parseImageConfig", () => {
  it("reads indexes and tells them from manifests", () => {
    const index = json({
      schemaVersion: 2,
      mediaType: mediaTypes.dockerManifestList,
      manifests: [
        {
          mediaType: mediaTypes.dockerManifest,
          digest,
          size: 5,
          platform: { architecture: "arm64", os: "linux", variant: "v8" },
        },
      ],
    });
    expect(parseIndex(index).manifests[0]?.platform).toEqual({
      architecture: "arm64",
      os: "linux",
      variant: "v8",
    });
    expect(looksLikeIndex(index)).toBe(true);
    expect(looksLikeIndex(manifestOf(undefined, mediaTypes.ociConfig))).toBe(false);
  });

  it("reads configs and requires sha256 diff ids", () => {
    const config = parseImageConfig(
      json({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [digest] } }),
    );
    expect(config).toMatchObject({
      architecture: "amd64",
      os: "linux",
      created: undefined,
      diffIds: [digest],
    });
    expect(() => parseImageConfig(json({ rootfs: { type: "layers", diff_ids: ["md5:1"] } }))).toThrow(
      "diff_ids[0]",
    );
    expect(() => parseImageConfig(json({}))).toThrow('no rootfs of type "layers"');
  });
});
