import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadArchive } from "../../../src/image/archive/load-archive.js";
import { buildImageConfig, buildManifest, ociPlatformOf } from "../../../src/image/config/image-config.js";
import { type Digest, sha256Digest } from "../../../src/image/digest.js";
import type { ImageStore } from "../../../src/image/store/image-store.js";
import { mediaTypes } from "../../../src/image/store/media-types.js";
import { tarArchive } from "../../../src/image/tar/tar-writer.js";
import { busyboxScript } from "../../support/busybox-image.js";
import { filesTar, gz, storeAt, streamOf } from "./archive-helpers.js";
import { scratch } from "./helpers.js";

let env: Awaited<ReturnType<typeof scratch>>;
let store: ImageStore;
const hostArch = ociPlatformOf(process.arch).architecture;

beforeEach(async () => {
  env = await scratch();
  store = storeAt(env.dir);
});
afterEach(async () => {
  await env.cleanup();
});

const file = (name: string, data: string | Uint8Array) => ({
  name,
  type: "file" as const,
  data: typeof data === "string" ? Buffer.from(data) : data,
});

/** A config for layers (plain tars). */
function configFor(layers: Buffer[], cmd: string[]): Buffer {
  return buildImageConfig({
    architecture: hostArch,
    os: "linux",
    created: new Date("2024-01-01T00:00:00Z"),
    config: { Cmd: cmd },
    diffIds: layers.map((layer) => sha256Digest(layer)),
    history: layers.map(() => ({ created_by: "test" })),
  });
}

describe("loadArchive: docker save", () => {
  it("loads a legacy docker-save archive (<id>.json, <v1>/layer.tar, a layer.tar symlink, a gzipped layer)", async () => {
    const base = filesTar({ "etc/os": "base\n" });
    const app = filesTar({ "app/main": "app\n" });
    const baseConfig = configFor([base], ["sh"]);
    const appConfig = configFor([base, app], ["/app/main"]);
    const id = (config: Buffer) => sha256Digest(config).slice(7);
    const archive = tarArchive([
      { name: "v1base/", type: "directory" },
      file("v1base/layer.tar", base),
      // Docker writes a repeated layer as a symlink to the first copy.
      { name: "v1base2/layer.tar", type: "symlink", linkname: "../v1base/layer.tar" },
      file("v1app/layer.tar", gz(app)),
      file(`${id(baseConfig)}.json`, baseConfig),
      file(`${id(appConfig)}.json`, appConfig),
      file(
        "manifest.json",
        JSON.stringify([
          { Config: `${id(baseConfig)}.json`, RepoTags: ["base:1"], Layers: ["v1base/layer.tar"] },
          {
            Config: `${id(appConfig)}.json`,
            RepoTags: ["example.com:5000/team/app:v2", "app"],
            Layers: ["v1base2/layer.tar", "./v1app/layer.tar"],
          },
        ]),
      ),
      file("repositories", "{}"),
    ]);
    const result = await loadArchive(store, streamOf(archive));
    expect(result.format).toBe("docker");
    expect(result.messages).toEqual([
      "Loaded image: base:1",
      "Loaded image: app:latest",
      "Loaded image: example.com:5000/team/app:v2",
    ]);
    expect(result.images.map((i) => i.id)).toEqual([sha256Digest(baseConfig), sha256Digest(appConfig)]);
    const record = await store.resolve("example.com:5000/team/app:v2");
    expect(record.manifest.layers.map((l) => l.mediaType)).toEqual([
      mediaTypes.ociLayer,
      mediaTypes.ociLayerGzip,
    ]);
    const layers = await store.unpack("app");
    expect(await readFile(join(layers[1]?.path ?? "", "app/main"), "utf8")).toBe("app\n");
    expect((await store.unpack("base:1"))[0]?.created).toBe(false);
  });

  it("loads the busybox script's archive (docker save and OCI at once) and a gzipped archive", async () => {
    const path = join(env.dir, "busybox.tar");
    await promisify(execFile)("bash", [busyboxScript, path, "tools/box:1.0"]);
    const result = await loadArchive(store, createReadStream(path));
    expect(result.format).toBe("oci");
    expect(result.messages).toEqual(["Loaded image: tools/box:1.0"]);
    const record = await store.resolve("tools/box:1.0");
    expect(record.config.raw.config).toEqual({
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
      Cmd: ["sh"],
    });
    const other = storeAt(join(env.dir, "other"));
    const again = await loadArchive(other, streamOf(gz(await readFile(path))));
    expect(again.images.map((i) => [i.id, i.manifestDigest])).toEqual([[record.id, record.manifestDigest]]);
  });
});

/** An OCI layout archive of one image (plus an optional multi-platform index around it). */
function ociArchive(options: { annotations?: Record<string, string>; nested?: boolean; extra?: boolean }) {
  const layer = filesTar({ "hello.txt": "hello\n" });
  const layerGz = gz(layer);
  const config = configFor([layer], ["cat", "/hello.txt"]);
  const manifest = buildManifest({
    config: { mediaType: mediaTypes.ociConfig, digest: sha256Digest(config), size: config.length },
    layers: [{ mediaType: mediaTypes.ociLayerGzip, digest: sha256Digest(layerGz), size: layerGz.length }],
  });
  const blob = (data: Buffer) => file(`blobs/sha256/${sha256Digest(data).slice(7)}`, data);
  const manifestDesc = {
    mediaType: mediaTypes.ociManifest,
    digest: sha256Digest(manifest),
    size: manifest.length,
  };
  // Another platform's manifest: absent from the archive unless `extra` (then present, with its blobs).
  const otherConfig = configFor([layer], ["s390x"]);
  const otherManifest = buildManifest({
    config: { mediaType: mediaTypes.ociConfig, digest: sha256Digest(otherConfig), size: otherConfig.length },
    layers: [{ mediaType: mediaTypes.ociLayerGzip, digest: sha256Digest(layerGz), size: layerGz.length }],
  });
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: mediaTypes.ociIndex,
      manifests: [
        {
          mediaType: mediaTypes.ociManifest,
          digest: sha256Digest(otherManifest),
          size: otherManifest.length,
          platform: { architecture: "s390x", os: "linux" },
        },
        { ...manifestDesc, platform: { architecture: hostArch, os: "linux" } },
      ],
    }),
  );
  const top = options.nested
    ? { mediaType: mediaTypes.ociIndex, digest: sha256Digest(index), size: index.length }
    : manifestDesc;
  const entries = [
    file("oci-layout", '{"imageLayoutVersion":"1.0.0"}'),
    file(
      "index.json",
      JSON.stringify({
        schemaVersion: 2,
        manifests: [{ ...top, ...(options.annotations ? { annotations: options.annotations } : {}) }],
      }),
    ),
    blob(layerGz),
    blob(config),
    blob(manifest),
    ...(options.nested ? [blob(index)] : []),
    ...(options.extra ? [blob(otherConfig), blob(otherManifest)] : []),
  ];
  return { tar: tarArchive(entries), id: sha256Digest(config), manifest: sha256Digest(manifest) as Digest };
}

describe("loadArchive: OCI layout", () => {
  it.each([
    [
      "containerd's name annotation",
      { "io.containerd.image.name": "docker.io/library/hello:1" },
      ["docker.io/library/hello:1"],
    ],
    [
      "a full reference in ref.name",
      { "org.opencontainers.image.ref.name": "example.com/hello:2" },
      ["example.com/hello:2"],
    ],
    [
      "a bare tag in ref.name (no repository: unnamed)",
      { "org.opencontainers.image.ref.name": "latest" },
      [],
    ],
  ])("names images from %s", async (_what, annotations, names) => {
    const oci = ociArchive({ annotations });
    const result = await loadArchive(store, streamOf(oci.tar));
    expect(result.images).toEqual([{ id: oci.id, manifestDigest: oci.manifest, names }]);
    if (names.length === 0) expect(result.messages).toEqual([`Loaded image ID: ${oci.id}`]);
    const [layer] = await store.unpack(oci.id);
    expect(await readFile(join(layer?.path ?? "", "hello.txt"), "utf8")).toBe("hello\n");
  });

  it("takes the only manifest present from a multi-platform index whose other blobs are absent", async () => {
    const oci = ociArchive({
      nested: true,
      annotations: { "io.containerd.image.name": "docker.io/library/multi:1" },
    });
    const result = await loadArchive(store, streamOf(oci.tar), {
      platform: { architecture: "arm", os: "linux" },
    });
    expect(result.images).toEqual([
      { id: oci.id, manifestDigest: oci.manifest, names: ["docker.io/library/multi:1"] },
    ]);
  });

  it("takes the host platform's manifest when several are present, and fails when none fits", async () => {
    const oci = ociArchive({ nested: true, extra: true });
    const result = await loadArchive(store, streamOf(oci.tar));
    expect(result.images.map((i) => i.id)).toEqual([oci.id]);
    const other = storeAt(join(env.dir, "other"));
    await expect(
      loadArchive(other, streamOf(oci.tar), { platform: { architecture: "arm", os: "windows" } }),
    ).rejects.toThrow("holds no manifest for windows/arm");
    expect(await other.list()).toEqual([]);
  });
});
