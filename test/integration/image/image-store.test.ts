import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chainIds, type Digest, sha256Digest } from "../../../src/image/digest.js";
import { commandSpecialFiles } from "../../../src/image/layer/special-files.js";
import { ImageStore } from "../../../src/image/store/image-store.js";
import { mediaTypes } from "../../../src/image/store/media-types.js";
import { tarArchive } from "../../../src/image/tar/tar-writer.js";
import { scratch, testRunner } from "./helpers.js";

let env: Awaited<ReturnType<typeof scratch>>;
let store: ImageStore;

beforeEach(async () => {
  env = await scratch();
  store = new ImageStore({ root: env.dir, specials: commandSpecialFiles(testRunner) });
});
afterEach(async () => {
  await env.cleanup();
});

interface Built {
  manifest: Digest;
  config: Digest;
  layers: Digest[];
  diffIds: Digest[];
}

/** Writes a small image (OCI or Docker media types) into the blob store. */
async function buildImage(
  files: Record<string, string>[],
  docker = false,
  created = "2024-01-01T00:00:00Z",
): Promise<Built> {
  const tars = files.map((layer) =>
    tarArchive(
      Object.entries(layer).map(([name, text]) => ({ name, type: "file" as const, data: Buffer.from(text) })),
    ),
  );
  const diffIds = tars.map((tar) => sha256Digest(tar));
  const layerDescs = [];
  for (const tar of tars) {
    const gz = gzipSync(tar);
    const { digest, size } = await store.blobs.write(gz, { digest: sha256Digest(gz) });
    layerDescs.push({
      mediaType: docker ? mediaTypes.dockerLayerGzip : mediaTypes.ociLayerGzip,
      digest,
      size,
    });
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: "amd64",
      os: "linux",
      created,
      rootfs: { type: "layers", diff_ids: diffIds },
    }),
  );
  const configDesc = {
    mediaType: docker ? mediaTypes.dockerConfig : mediaTypes.ociConfig,
    ...(await store.blobs.write(config)),
  };
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: docker ? mediaTypes.dockerManifest : mediaTypes.ociManifest,
      config: configDesc,
      layers: layerDescs,
    }),
  );
  const written = await store.blobs.write(manifest);
  return {
    manifest: written.digest,
    config: configDesc.digest,
    layers: layerDescs.map((l) => l.digest),
    diffIds,
  };
}

describe("ImageStore", () => {
  it("verifies blob writes against their digest and size, atomically", async () => {
    const data = Buffer.from("hello");
    await expect(store.blobs.write(data, { digest: sha256Digest("other") })).rejects.toThrow(
      "does not match",
    );
    await expect(store.blobs.write(data, { digest: sha256Digest(data), size: 4 })).rejects.toThrow(
      "does not match",
    );
    expect(await store.blobs.list()).toEqual([]);
    expect(await readdir(join(env.dir, "image", "ingest"))).toEqual([]);
    const ok = await store.blobs.write(
      (async function* () {
        yield data.subarray(0, 2);
        yield data.subarray(2);
      })(),
    );
    expect(ok).toEqual({ digest: sha256Digest(data), size: 5 });
    expect(await readFile(join(env.dir, "image", "blobs", "sha256", ok.digest.slice(7)), "utf8")).toBe(
      "hello",
    );
    await writeFile(store.blobs.path(ok.digest), "tampered");
    await expect(store.blobs.read(ok.digest)).rejects.toThrow("is corrupt");
  });

  it("names images, lists, resolves, tags, untags and removes them", async () => {
    const oci = await buildImage([{ "a.txt": "a" }, { "b.txt": "b" }]);
    const docker = await buildImage([{ "c.txt": "c" }], true, "2023-01-01T00:00:00Z");
    await store.addImage(oci.manifest, ["busybox"]);
    await store.addImage(docker.manifest, ["localhost:5000/app:v1"]);

    const index = JSON.parse(await readFile(join(env.dir, "image", "index.json"), "utf8"));
    expect(
      index.manifests.map(
        (m: { annotations: Record<string, string> }) => m.annotations["org.opencontainers.image.ref.name"],
      ),
    ).toEqual(["docker.io/library/busybox:latest", "localhost:5000/app:v1"]);
    expect(JSON.parse(await readFile(join(env.dir, "image", "oci-layout"), "utf8"))).toEqual({
      imageLayoutVersion: "1.0.0",
    });

    const list = await store.list();
    expect(list.map((i) => [i.names, i.id])).toEqual([
      [["docker.io/library/busybox:latest"], oci.config],
      [["localhost:5000/app:v1"], docker.config],
    ]);
    expect(list[1]?.created).toBe("2023-01-01T00:00:00Z");

    for (const text of [
      "busybox",
      "busybox:latest",
      "docker.io/library/busybox",
      oci.config,
      oci.config.slice(7, 19),
      `busybox@${oci.manifest}`,
    ]) {
      expect((await store.resolve(text)).manifestDigest).toBe(oci.manifest);
    }
    expect((await store.resolve("localhost:5000/app:v1")).config.diffIds).toEqual(docker.diffIds);
    await expect(store.resolve("nothere")).rejects.toThrow('image "nothere" not found');

    await store.tag("busybox", "mine/box:2");
    expect((await store.resolve("mine/box:2")).names).toEqual([
      "docker.io/library/busybox:latest",
      "docker.io/mine/box:2",
    ]);
    // Moving a name to another image takes it away from the first.
    await store.tag("localhost:5000/app:v1", "mine/box:2");
    expect((await store.resolve("mine/box:2")).manifestDigest).toBe(docker.manifest);
    await expect(store.tag("busybox", `x@${oci.manifest}`)).rejects.toThrow("cannot hold a digest");

    expect(await store.untag("mine/box:2")).toBe(false);
    expect(await store.untag("localhost:5000/app:v1")).toBe(true);
    await expect(store.untag("localhost:5000/app:v1")).rejects.toThrow("not found");
    expect(await store.remove("busybox")).toEqual(["docker.io/library/busybox:latest"]);
    expect(await store.list()).toEqual([]);
  });

  it("keeps a dangling image until it gets a name or is removed", async () => {
    const img = await buildImage([{ f: "1" }]);
    await store.addImage(img.manifest, []);
    expect((await store.list()).map((i) => i.names)).toEqual([[]]);
    await store.addImage(img.manifest, ["named"]);
    expect((await store.list()).map((i) => i.names)).toEqual([["docker.io/library/named:latest"]]);
  });

  it("unpacks an image's layers by chain id and garbage-collects what no image needs", async () => {
    const base = await buildImage([{ "base.txt": "base" }]);
    const app = await buildImage([{ "base.txt": "base" }, { "app.txt": "app" }]);
    await store.addImage(base.manifest, ["base"]);
    await store.addImage(app.manifest, ["app"]);
    const layers = await store.unpack("app");
    expect(layers.map((l) => l.chainId)).toEqual(chainIds(app.diffIds));
    expect(layers[0]?.chainId).toBe(base.diffIds[0]);
    expect(await readFile(join(layers[1]?.path ?? "", "app.txt"), "utf8")).toBe("app");
    const shared = await store.unpack("base");
    expect(shared.map((l) => [l.path, l.created])).toEqual([[layers[0]?.path, false]]);

    expect(await store.gc()).toEqual({ blobs: [], layers: [] });
    await store.remove("app");
    const orphan = await store.blobs.write(Buffer.from("orphan"));
    const removed = await store.gc();
    expect(removed.blobs).toEqual([app.manifest, app.config, app.layers[1], orphan.digest].sort());
    expect(removed.layers).toEqual([layers[1]?.chainId]);
    expect(await store.blobs.list()).toEqual([base.manifest, base.config, ...base.layers].sort());
    expect(await store.layers.list()).toEqual([base.diffIds[0]]);
    expect((await store.unpack("base"))[0]?.created).toBe(false);
  });

  it("refuses an image whose blobs are missing, and multi-platform indexes as manifests", async () => {
    const img = await buildImage([{ f: "1" }]);
    await store.blobs.delete(img.layers[0] as Digest);
    await expect(store.addImage(img.manifest, ["broken"])).rejects.toThrow("is missing blob");
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests: [] }),
    );
    const { digest } = await store.blobs.write(index);
    await expect(store.readManifest(digest)).rejects.toThrow("multi-platform index");
    expect((await store.readIndex(digest)).manifests).toEqual([]);
  });
});
