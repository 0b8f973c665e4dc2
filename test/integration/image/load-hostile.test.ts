import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadArchive } from "../../../src/image/archive/load-archive.js";
import { buildImageConfig, ociPlatformOf } from "../../../src/image/config/image-config.js";
import { sha256Digest } from "../../../src/image/digest.js";
import type { ImageStore } from "../../../src/image/store/image-store.js";
import { type TarWriteEntry, tarArchive } from "../../../src/image/tar/tar-writer.js";
import { filesTar, storeAt, streamOf } from "./archive-helpers.js";
import { scratch } from "./helpers.js";

let env: Awaited<ReturnType<typeof scratch>>;
let store: ImageStore;
let root: string;

beforeEach(async () => {
  env = await scratch();
  root = join(env.dir, "store");
  store = storeAt(root);
});
afterEach(async () => {
  await env.cleanup();
});

const file = (name: string, data: string | Uint8Array): TarWriteEntry => ({
  name,
  type: "file",
  data: typeof data === "string" ? Buffer.from(data) : data,
});

/** A valid docker-save image: its entries and names. */
function dockerImage(tag: string, text: string) {
  const layer = filesTar({ [`${tag}.txt`]: text });
  const config = buildImageConfig({
    architecture: ociPlatformOf(process.arch).architecture,
    os: "linux",
    created: new Date(0),
    config: {},
    diffIds: [sha256Digest(layer)],
    history: [],
  });
  const hex = sha256Digest(config).slice(7);
  return {
    entries: [file(`${hex}.json`, config), file(`${tag}/layer.tar`, layer)],
    manifest: { Config: `${hex}.json`, RepoTags: [`${tag}:1`], Layers: [`${tag}/layer.tar`] },
    layer,
    config,
  };
}

function dockerArchive(images: ReturnType<typeof dockerImage>[], extra: TarWriteEntry[] = []): Buffer {
  return tarArchive([
    ...images.flatMap((image) => image.entries),
    ...extra,
    file("manifest.json", JSON.stringify(images.map((image) => image.manifest))),
  ]);
}

async function expectNothingLoaded(): Promise<void> {
  expect(await store.list()).toEqual([]);
  expect(await store.blobs.list()).toEqual([]);
  expect(await readdir(join(root, "image", "ingest")).catch(() => [])).toEqual([]);
  expect(existsSync(join(env.dir, "evil"))).toBe(false);
  expect(existsSync("/tmp/evil-berth-load")).toBe(false);
}

const good = () => dockerImage("good", "fine\n");

describe("loadArchive refuses hostile archives and registers nothing", () => {
  const cases: [string, () => Buffer, string][] = [
    ["a name escaping with ..", () => dockerArchive([good()], [file("../evil", "x")]), "escapes the archive"],
    ["an absolute name", () => dockerArchive([good()], [file("/tmp/evil-berth-load", "x")]), "absolute path"],
    [
      "a symlink to an absolute path",
      () => dockerArchive([good()], [{ name: "passwd", type: "symlink", linkname: "/etc/passwd" }]),
      "points to an absolute path",
    ],
    [
      "a symlink out of the archive",
      () => dockerArchive([good()], [{ name: "a/link", type: "symlink", linkname: "../../evil" }]),
      "points outside the archive",
    ],
    [
      "a hardlink out of the archive",
      () => dockerArchive([good()], [{ name: "hard", type: "hardlink", linkname: "../evil" }]),
      "escapes the archive",
    ],
    [
      "a device node",
      () => dockerArchive([good()], [{ name: "dev", type: "char", devmajor: 1, devminor: 3 }]),
      "is a char, not a file",
    ],
    ["a name given twice", () => dockerArchive([good()], [file("good/layer.tar", "other")]), "appears twice"],
    [
      "a blob whose content is not its digest",
      () => dockerArchive([good()], [file(`blobs/sha256/${sha256Digest("a").slice(7)}`, "b")]),
      "does not match its digest",
    ],
    [
      "a config whose file name is not its digest",
      () => {
        const image = good();
        const renamed = { ...image, manifest: { ...image.manifest, Config: `${"0".repeat(64)}.json` } };
        return dockerArchive([renamed], [file(`${"0".repeat(64)}.json`, image.config)]);
      },
      "does not match its content",
    ],
    [
      "a layer that does not hash to its diff id",
      () => {
        const image = good();
        return tarArchive([
          image.entries[0] as TarWriteEntry,
          file("good/layer.tar", filesTar({ "good.txt": "tampered\n" })),
          file("manifest.json", JSON.stringify([image.manifest])),
        ]);
      },
      "does not match its diff id",
    ],
    [
      "a layer link leading nowhere",
      () => {
        const image = good();
        const manifest = { ...image.manifest, Layers: ["loop/layer.tar"] };
        return tarArchive([
          ...image.entries,
          { name: "loop/layer.tar", type: "symlink", linkname: "../loop2/layer.tar" },
          { name: "loop2/layer.tar", type: "symlink", linkname: "../loop/layer.tar" },
          file("manifest.json", JSON.stringify([manifest])),
        ]);
      },
      "does not lead to a file",
    ],
    [
      "a good image next to a bad one (all or nothing)",
      () => {
        const bad = dockerImage("bad", "bad\n");
        bad.manifest.Layers = ["missing/layer.tar"];
        return dockerArchive([good(), bad]);
      },
      "is not in the archive",
    ],
    [
      "a manifest.json that is not JSON",
      () => tarArchive([file("manifest.json", "{nope")]),
      "not valid JSON",
    ],
    ["neither format", () => tarArchive([file("hello", "x")]), "neither a docker save archive"],
    ["a truncated tar", () => dockerArchive([good()]).subarray(0, 700), "tar stream ends"],
  ];

  it.each(cases)("%s", async (_what, make, message) => {
    await expect(loadArchive(store, streamOf(make()))).rejects.toThrow(message);
    await expectNothingLoaded();
  });

  it("loads the good image alone (the cases above fail for their own reason)", async () => {
    const result = await loadArchive(store, streamOf(dockerArchive([good()])));
    expect(result.messages).toEqual(["Loaded image: good:1"]);
  });

  it("refuses an OCI manifest whose descriptor size lies", async () => {
    const layer = filesTar({ f: "x" });
    const config = Buffer.from(
      JSON.stringify({ rootfs: { type: "layers", diff_ids: [sha256Digest(layer)] } }),
    );
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: {
          mediaType: "application/vnd.oci.image.config.v1+json",
          digest: sha256Digest(config),
          size: 5,
        },
        layers: [
          {
            mediaType: "application/vnd.oci.image.layer.v1.tar",
            digest: sha256Digest(layer),
            size: layer.length,
          },
        ],
      }),
    );
    const blob = (data: Buffer) => file(`blobs/sha256/${sha256Digest(data).slice(7)}`, data);
    const archive = tarArchive([
      file("oci-layout", '{"imageLayoutVersion":"1.0.0"}'),
      file(
        "index.json",
        JSON.stringify({
          schemaVersion: 2,
          manifests: [
            {
              mediaType: "application/vnd.oci.image.manifest.v1+json",
              digest: sha256Digest(manifest),
              size: manifest.length,
            },
          ],
        }),
      ),
      blob(layer),
      blob(config),
      blob(manifest),
    ]);
    await expect(loadArchive(store, streamOf(archive))).rejects.toThrow("does not match its descriptor");
    await expectNothingLoaded();
  });
});
