import type {
  Filters,
  VolumeCreateBody,
  VolumeInspect,
  VolumeListResponse,
  VolumePruneResponse,
} from "../../api/index.js";
import { BerthError, NotFoundError } from "../../shared/errors.js";
import type { EngineCore } from "../core/engine-core.js";
import { volumeLockKey } from "./resolve-mounts.js";
import {
  checkListFilters,
  checkPruneFilters,
  matchesListFilters,
  selectedForPrune,
  type VolumeFacts,
} from "./volume-filters.js";
import { isAnonymous, type StoredVolume, volumeView } from "./volume-meta.js";
import { anonymousVolumeName, checkVolumeName } from "./volume-name.js";
import { checkDriver, parseLocalOptions } from "./volume-options.js";
import { diskUsage, VolumeStore } from "./volume-store.js";
import { volumeUsers } from "./volume-usage.js";

/** The volume store of an engine (stateless: every call reads the disk). */
export function volumeStoreOf(core: Pick<EngineCore, "paths" | "clock" | "random">): VolumeStore {
  return new VolumeStore({ dir: core.paths.volumesDir, now: () => core.clock.now(), random: core.random });
}

/** Emits Docker's volume event (`create`, `destroy`). */
export function emitVolume(core: Pick<EngineCore, "events">, action: string, volume: StoredVolume): void {
  core.events.emit({
    type: "volume",
    action,
    id: volume.meta.name,
    attributes: { driver: volume.meta.driver },
  });
}

function noSuchVolume(name: string): NotFoundError {
  return new NotFoundError(`get ${name}: no such volume`, { details: { volume: name } });
}

/** The /volumes operations of the engine, on the local driver's store. */
export class VolumeService {
  readonly store: VolumeStore;

  constructor(private readonly core: EngineCore) {
    this.store = volumeStoreOf(core);
  }

  private facts(volume: StoredVolume): VolumeFacts {
    return {
      name: volume.meta.name,
      driver: volume.meta.driver,
      labels: volume.meta.labels,
      dangling: volumeUsers(this.core.records.values(), volume.meta.name).length === 0,
      anonymous: isAnonymous(volume.meta),
    };
  }

  /** GET /volumes. */
  async list(filters: Filters): Promise<VolumeListResponse> {
    checkListFilters(filters);
    const volumes = (await this.store.list()).filter((v) => matchesListFilters(this.facts(v), filters));
    return { Volumes: volumes.map(volumeView), Warnings: null };
  }

  /** POST /volumes/create: an existing name answers with that volume, as Docker does. */
  async create(body: VolumeCreateBody): Promise<VolumeInspect> {
    const driver = checkDriver(body.Driver);
    const options = { ...(body.DriverOpts ?? {}) };
    parseLocalOptions(options);
    const name = body.Name ? checkVolumeName(body.Name) : anonymousVolumeName(this.core.random);
    return this.core.mutex.run(volumeLockKey(name), async () => {
      const existing = await this.store.get(name);
      if (existing) {
        if (existing.meta.driver !== driver) {
          throw new BerthError(
            "CONFLICT",
            `volume name ${name} already exists with driver ${existing.meta.driver}`,
          );
        }
        return volumeView(existing);
      }
      const { volume, created } = await this.store.create({
        name,
        driver,
        labels: { ...(body.Labels ?? {}) },
        options,
        anonymous: false,
      });
      if (created) emitVolume(this.core, "create", volume);
      return volumeView(volume);
    });
  }

  /** GET /volumes/{name}. */
  async inspect(name: string): Promise<VolumeInspect> {
    const volume = await this.store.get(name);
    if (!volume) throw noSuchVolume(name);
    return volumeView(volume);
  }

  /** DELETE /volumes/{name}: 409 while any container uses it (`force` only forgives a missing volume). */
  async remove(name: string, options: { force: boolean }): Promise<void> {
    await this.core.mutex.run(volumeLockKey(name), async () => {
      const volume = await this.store.get(name);
      if (!volume) {
        if (options.force) return;
        throw noSuchVolume(name);
      }
      const users = volumeUsers(this.core.records.values(), name);
      if (users.length > 0) {
        throw new BerthError("CONFLICT", `remove ${name}: volume is in use - [${users.join(", ")}]`, {
          details: { volume: name, containers: users },
        });
      }
      await this.store.remove(name);
      emitVolume(this.core, "destroy", volume);
    });
  }

  /** POST /volumes/prune: unused anonymous volumes (all unused ones with `all=true`), label filters. */
  async prune(filters: Filters): Promise<VolumePruneResponse> {
    checkPruneFilters(filters);
    const deleted: string[] = [];
    let reclaimed = 0;
    for (const candidate of await this.store.list()) {
      if (!selectedForPrune(this.facts(candidate), filters)) continue;
      await this.core.mutex.run(volumeLockKey(candidate.meta.name), async () => {
        const volume = await this.store.get(candidate.meta.name);
        if (!volume || volumeUsers(this.core.records.values(), volume.meta.name).length > 0) return;
        const own = parseLocalOptions(volume.meta.options).kind === "dir";
        const size = own ? await diskUsage(volume.dataPath) : 0;
        await this.store.remove(volume.meta.name);
        emitVolume(this.core, "destroy", volume);
        deleted.push(volume.meta.name);
        reclaimed += size;
      });
    }
    return { VolumesDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed };
  }

  /** Removes the anonymous volumes of a removed container that no other container uses. */
  async removeAnonymous(names: readonly string[]): Promise<void> {
    for (const name of names) {
      await this.core.mutex.run(volumeLockKey(name), async () => {
        const volume = await this.store.get(name);
        if (!volume || !isAnonymous(volume.meta)) return;
        if (volumeUsers(this.core.records.values(), name).length > 0) return;
        await this.store.remove(name);
        emitVolume(this.core, "destroy", volume);
      });
    }
  }
}
