import type {
  Filters,
  ImageDeleteItem,
  ImageInspect,
  ImagePruneResponse,
  ImageSummary,
} from "../containers/api-types.js";
import type { EnginePort } from "../containers/engine-port.js";

/** A reference split as the tag route takes it: `repo` and `tag` (`registry:5000/a/b:v1` → tag v1). */
export function splitReference(reference: string): { repo: string; tag?: string } {
  const at = reference.indexOf("@");
  if (at >= 0) return { repo: reference.slice(0, at) };
  const colon = reference.lastIndexOf(":");
  if (colon > reference.lastIndexOf("/")) {
    return { repo: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  }
  return { repo: reference };
}

/**
 * `image import`: a rootfs tar becomes an image, named when a reference is given, its config changed
 * by Dockerfile instructions (`-c 'CMD ["echo","hi"]'`, applied in order); returns its id.
 */
export async function importImage(
  port: Pick<EnginePort, "importImage">,
  request: { rootfs: AsyncIterable<Uint8Array>; reference?: string; message?: string; changes: string[] },
): Promise<string> {
  const ref = request.reference !== undefined ? splitReference(request.reference) : undefined;
  return port.importImage(request.rootfs, {
    ...(ref !== undefined ? { repo: ref.repo } : {}),
    ...(ref?.tag !== undefined ? { tag: ref.tag } : {}),
    ...(request.message !== undefined ? { message: request.message } : {}),
    ...(request.changes.length > 0 ? { changes: request.changes } : {}),
  });
}

/** `image load`: an archive (docker save or OCI layout) goes in; the "Loaded image: …" lines come out. */
export async function loadImages(
  port: Pick<EnginePort, "loadImages">,
  request: { archive: AsyncIterable<Uint8Array>; quiet: boolean },
): Promise<string[]> {
  const messages = await port.loadImages(request.archive, { quiet: request.quiet });
  return messages
    .map((message) => (message.stream ?? message.status ?? "").trimEnd())
    .filter((line) => line !== "");
}

/** `image save`: the tar of the named images, as a byte stream. */
export function saveImages(port: Pick<EnginePort, "saveImages">, names: string[]): AsyncIterable<Buffer> {
  return port.saveImages(names);
}

/** `image ls`: images, filtered; dangling (untagged) ones only with `all`, like Docker. */
export async function listImages(
  port: Pick<EnginePort, "listImages">,
  options: { all: boolean; filters: Filters },
): Promise<ImageSummary[]> {
  return port.listImages(options);
}

/** `image inspect` of each name, in order, collecting the ones that failed. */
export async function inspectImages(
  port: Pick<EnginePort, "inspectImage">,
  names: readonly string[],
): Promise<{ found: ImageInspect[]; failed: { name: string; error: unknown }[] }> {
  const found: ImageInspect[] = [];
  const failed: { name: string; error: unknown }[] = [];
  for (const name of names) {
    try {
      found.push(await port.inspectImage(name));
    } catch (error: unknown) {
      failed.push({ name, error });
    }
  }
  return { found, failed };
}

/** `image tag SOURCE TARGET`. */
export function tagImage(port: Pick<EnginePort, "tagImage">, source: string, target: string): Promise<void> {
  return port.tagImage(source, splitReference(target));
}

/** `image rm` of one image: the Untagged/Deleted lines. */
export function removeImage(
  port: Pick<EnginePort, "removeImage">,
  name: string,
  options: { force: boolean; noprune: boolean },
): Promise<ImageDeleteItem[]> {
  return port.removeImage(name, options);
}

/** `image prune`: dangling images, or with `all` every image no container uses. */
export function pruneImages(
  port: Pick<EnginePort, "pruneImages">,
  options: { all: boolean; filters: Filters },
): Promise<ImagePruneResponse> {
  const filters: Filters = { ...options.filters };
  if (!options.all) filters.dangling = ["true"];
  else filters.dangling = ["false"];
  return port.pruneImages({ filters });
}
