import type {
  IdResponse,
  ImageDeleteItem,
  ImageImportOptions,
  ImageInspect,
  ImageListQuery,
  ImageLoadResult,
  ImagePruneQuery,
  ImagePruneResponse,
  ImageRemoveQuery,
  ImageSummary,
  ImageTagQuery,
} from "../../api/index.js";
import {
  type Digest,
  type ImageRecord,
  imageInspectView,
  imageSummaryView,
  importRootfs,
  loadArchive,
  parseReference,
  pruneImages,
  saveImages,
} from "../../image/index.js";
import { BerthError, NotFoundError } from "../../shared/errors.js";
import type { EngineCore } from "../core/engine-core.js";

/** Images through the image store, refusing to take away what a container uses. */
export class ImageService {
  constructor(private readonly core: EngineCore) {}

  private async resolve(name: string): Promise<ImageRecord> {
    try {
      return await this.core.images.resolve(name);
    } catch (error: unknown) {
      if (error instanceof NotFoundError) throw new NotFoundError(`No such image: ${name}`, { cause: error });
      throw error;
    }
  }

  private users(imageId: string): string[] {
    return [...this.core.records.values()].filter((r) => r.imageId === imageId).map((r) => r.id);
  }

  private emit(action: string, id: string, name: string | undefined): void {
    this.core.events.emit({ type: "image", action, id, attributes: name === undefined ? {} : { name } });
  }

  /** GET /images/json. */
  async list(query: ImageListQuery): Promise<ImageSummary[]> {
    const out: ImageSummary[] = [];
    for (const image of await this.core.images.list()) {
      const record = await this.core.images.resolve(image.id);
      const view = imageSummaryView(record) as ImageSummary;
      const dangling = record.names.length === 0;
      const wanted = query.filters.dangling?.[0];
      if (wanted === "true" && !dangling) continue;
      if (wanted === "false" && dangling) continue;
      const refs = query.filters.reference;
      if (refs && !refs.some((ref) => view.RepoTags.some((tag) => tag === ref || tag.startsWith(`${ref}:`))))
        continue;
      out.push({ ...view, Containers: this.users(record.id).length });
    }
    return out;
  }

  /** GET /images/{name}/json. */
  async inspect(name: string): Promise<ImageInspect> {
    const view = imageInspectView(await this.resolve(name)) as Omit<ImageInspect, "GraphDriver">;
    return { ...view, GraphDriver: { Name: "overlay", Data: null } };
  }

  /** POST /images/{name}/tag. */
  async tag(name: string, query: ImageTagQuery): Promise<void> {
    const record = await this.resolve(name);
    const target = query.tag === undefined ? query.repo : `${query.repo}:${query.tag}`;
    await this.core.images.tag(record.id, target);
    this.emit("tag", record.id, parseReference(target).familiarName());
  }

  /** DELETE /images/{name}: untags a name; the image goes with its last name (or by id), unless a container uses it. */
  async remove(name: string, query: ImageRemoveQuery): Promise<ImageDeleteItem[]> {
    const record = await this.resolve(name);
    const byName = record.names.some((n) => {
      try {
        return n === parseReference(name).fullName();
      } catch {
        return false;
      }
    });
    const users = this.users(record.id);
    const lastName = !byName || record.names.length <= 1;
    if (lastName && users.length > 0 && !query.force) {
      throw new BerthError(
        "CONFLICT",
        `conflict: unable to remove repository reference "${name}" (must force) - container ${users[0]?.slice(0, 12)} is using its referenced image ${record.id.slice(7, 19)}`,
      );
    }
    if (byName && record.names.length > 1) {
      const full = parseReference(name).fullName();
      await this.core.images.untag(full);
      this.emit("untag", record.id, parseReference(full).familiarName());
      return [{ Untagged: parseReference(full).familiarName() }];
    }
    if (!byName && record.names.length > 1 && !query.force) {
      throw new BerthError(
        "CONFLICT",
        `conflict: unable to delete ${record.id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories`,
      );
    }
    const removed = await this.core.images.remove(record.id);
    const items: ImageDeleteItem[] = removed.map((n) => ({ Untagged: parseReference(n).familiarName() }));
    for (const n of removed) this.emit("untag", record.id, parseReference(n).familiarName());
    if (users.length === 0) {
      await this.core.images.gc({ keepLayers: this.layersInUse() });
      items.push({ Deleted: record.id });
      this.emit("delete", record.id, undefined);
    }
    return items;
  }

  private layersInUse(): Digest[] {
    return [...this.core.records.values()].flatMap((r) => r.layers as Digest[]);
  }

  /** POST /images/load. */
  async load(archive: AsyncIterable<Buffer>): Promise<ImageLoadResult> {
    const result = await loadArchive(this.core.images, archive);
    const loaded: ImageLoadResult["loaded"] = [];
    for (const image of result.images) {
      if (image.names.length === 0) loaded.push({ id: image.id });
      for (const n of image.names) loaded.push({ ref: parseReference(n).familiarName(), id: image.id });
      this.emit("load", image.id, image.names[0] ? parseReference(image.names[0]).familiarName() : undefined);
    }
    return { loaded };
  }

  /** GET /images/get. */
  async save(names: string[]): Promise<AsyncIterable<Buffer>> {
    for (const name of names) await this.resolve(name);
    const stream = await saveImages(this.core.images, names);
    return (async function* () {
      for await (const chunk of stream) yield Buffer.from(chunk);
    })();
  }

  /** POST /images/prune: dangling images (or every unused one with dangling=false), then unreferenced blobs. */
  async prune(query: ImagePruneQuery): Promise<ImagePruneResponse> {
    const dangling = query.filters.dangling?.[0] !== "false" && query.filters.dangling?.[0] !== "0";
    const keep = [...this.core.records.values()].map((r) => r.imageId as Digest);
    const result = await pruneImages(this.core.images, { dangling, keep, keepLayers: this.layersInUse() });
    const items: ImageDeleteItem[] = [
      ...result.untagged.map((n) => ({ Untagged: parseReference(n).familiarName() })),
      ...result.deleted.map((id) => ({ Deleted: id })),
    ];
    for (const id of result.deleted) this.emit("delete", id, undefined);
    return { ImagesDeleted: items.length > 0 ? items : null, SpaceReclaimed: result.reclaimedBytes };
  }

  /** POST /images/create?fromSrc=-. */
  async import(rootfs: AsyncIterable<Buffer>, options: ImageImportOptions): Promise<IdResponse> {
    const reference =
      options.repo === undefined
        ? undefined
        : options.tag === undefined
          ? options.repo
          : `${options.repo}:${options.tag}`;
    const result = await importRootfs(this.core.images, {
      tar: rootfs,
      ...(reference === undefined ? {} : { reference }),
      changes: options.changes,
      ...(options.message === undefined ? {} : { message: options.message }),
      now: new Date(this.core.clock.now()),
    });
    this.emit("import", result.id, reference);
    return { Id: result.id };
  }
}
