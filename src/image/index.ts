/** Public API of the image store: references, digests, blobs, refs, layers and tar streams. */
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
export { BlobStore, type ExpectedBlob } from "./store/blob-store.js";
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
export { type RefEntry, RefIndex } from "./store/ref-index.js";
export { type Compression, decompressed, detectCompression } from "./tar/decompress.js";
export { readTar, type TarEntry, type TarItem } from "./tar/tar-reader.js";
export { encodeEntryHeader, padded, type TarWriteEntry, tarArchive } from "./tar/tar-writer.js";
