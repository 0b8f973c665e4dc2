import type { Digest } from "../digest.js";
import { mediaTypes } from "../store/media-types.js";
import type { Descriptor } from "../store/oci-types.js";
import { type ContainerConfig, canonicalContainerConfig } from "./container-config.js";

/** One entry of an image config's `history`. */
export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** What an image config is made of; `created` comes from the caller (pure code reads no clock). */
export interface ImageConfigInput {
  architecture: string;
  variant?: string;
  os: string;
  created: Date;
  author?: string;
  config: ContainerConfig;
  diffIds: readonly Digest[];
  history: readonly HistoryEntry[];
}

/** An OCI image config as canonical JSON bytes (fixed key order, maps sorted, no whitespace). */
export function buildImageConfig(input: ImageConfigInput): Buffer {
  const document = {
    created: input.created.toISOString(),
    ...(input.author ? { author: input.author } : {}),
    architecture: input.architecture,
    ...(input.variant ? { variant: input.variant } : {}),
    os: input.os,
    config: canonicalContainerConfig(input.config),
    rootfs: { type: "layers", diff_ids: [...input.diffIds] },
    history: input.history.map((entry) => ({
      ...(entry.created === undefined ? {} : { created: entry.created }),
      ...(entry.author === undefined ? {} : { author: entry.author }),
      ...(entry.created_by === undefined ? {} : { created_by: entry.created_by }),
      ...(entry.comment === undefined ? {} : { comment: entry.comment }),
      ...(entry.empty_layer ? { empty_layer: true } : {}),
    })),
  };
  return Buffer.from(JSON.stringify(document));
}

/** An OCI image manifest as JSON bytes. */
export function buildManifest(options: {
  config: Descriptor;
  layers: readonly Descriptor[];
  annotations?: Record<string, string>;
}): Buffer {
  const descriptor = (d: Descriptor) => ({ mediaType: d.mediaType, digest: d.digest, size: d.size });
  const document = {
    schemaVersion: 2,
    mediaType: mediaTypes.ociManifest,
    config: descriptor(options.config),
    layers: options.layers.map(descriptor),
    ...(options.annotations && Object.keys(options.annotations).length > 0
      ? { annotations: options.annotations }
      : {}),
  };
  return Buffer.from(JSON.stringify(document));
}

const architectures: Record<string, { architecture: string; variant?: string }> = {
  x64: { architecture: "amd64" },
  arm64: { architecture: "arm64", variant: "v8" },
  arm: { architecture: "arm", variant: "v7" },
  ia32: { architecture: "386" },
  ppc64: { architecture: "ppc64le" },
  s390x: { architecture: "s390x" },
  riscv64: { architecture: "riscv64" },
  loong64: { architecture: "loong64" },
  mips: { architecture: "mips" },
  mipsel: { architecture: "mipsle" },
};

/** The OCI (GOARCH) name of a Node `process.arch` value. */
export function ociPlatformOf(nodeArch: string): { architecture: string; variant?: string } {
  return architectures[nodeArch] ?? { architecture: nodeArch };
}
