/** Public API of the image store: references, digests, blobs, refs, layers and tar streams. */
export {
  dockerSaveNames,
  planDockerSave,
  readDockerManifest,
  repoTagNames,
} from "./archive/docker-save-format.js";
export { hostPlatform } from "./archive/host-platform.js";
export { type ImportResult, type ImportRootfsOptions, importRootfs } from "./archive/import-rootfs.js";
export { type LoadedImage, type LoadOptions, type LoadResult, loadArchive } from "./archive/load-archive.js";
export { annotatedName, containerdNameAnnotation } from "./archive/oci-layout-format.js";
export { type SaveEntry, saveImages } from "./archive/save-images.js";
export { archivePath } from "./archive/stage-archive.js";
export { applyChanges, changeInstructions } from "./config/changes.js";
export {
  type ContainerConfig,
  canonicalContainerConfig,
  type HealthConfig,
  readContainerConfig,
} from "./config/container-config.js";
export { parseGoDuration } from "./config/duration.js";
export {
  buildImageConfig,
  buildManifest,
  type HistoryEntry,
  type ImageConfigInput,
  ociPlatformOf,
} from "./config/image-config.js";
export { chainIds, type Digest, digestHex, isDigest, parseDigest, sha256Digest } from "./digest.js";
export { ImageContentError, InvalidReferenceError, UnsafeLayerError } from "./errors.js";
export { type ApplyLayerOptions, type ApplyLayerResult, applyLayer } from "./layer/apply-layer.js";
export {
  LayerStore,
  type LayerStoreOptions,
  type UnpackedLayer,
  type UnpackRequest,
} from "./layer/layer-store.js";
export {
  commandSpecialFiles,
  type SpecialFiles,
  type SpecialNode,
  type XattrItem,
} from "./layer/special-files.js";
export { defaultDomain, ImageReference, parseReference, tryParseReference } from "./reference.js";
export { BlobStore, type ExpectedBlob, type StagedBlob } from "./store/blob-store.js";
export {
  type GcResult,
  type ImageRecord,
  ImageStore,
  type ImageStoreOptions,
  type ImageSummary,
} from "./store/image-store.js";
export { configMediaTypes, indexMediaTypes, manifestMediaTypes, mediaTypes } from "./store/media-types.js";
export {
  type Descriptor,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  parseImageConfig,
  parseIndex,
  parseManifest,
} from "./store/oci-types.js";
export { type PruneOptions, type PruneResult, pruneImages } from "./store/prune-images.js";
export { type RefEntry, RefIndex } from "./store/ref-index.js";
export { type Compression, decompressed, detectCompression } from "./tar/decompress.js";
export { readTar, type TarEntry, type TarItem } from "./tar/tar-reader.js";
export { encodeEntryHeader, padded, type TarWriteEntry, tarArchive } from "./tar/tar-writer.js";
export { type HistoryRow, imageHistoryView } from "./views/history-view.js";
export {
  configView,
  imageInspectView,
  imageSummaryView,
  recordSize,
  repoDigests,
  repoTags,
  unixSeconds,
  type ViewOptions,
} from "./views/image-views.js";
