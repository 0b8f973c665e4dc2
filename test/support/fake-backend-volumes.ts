import type {
  ContainerCreateBody,
  Filters,
  VolumeCreateBody,
  VolumeInspect,
  VolumeListResponse,
  VolumePruneResponse,
} from "../../src/api/index.js";
import { parseBind } from "../../src/engine/containers/parse-binds.js";
import {
  checkListFilters,
  checkPruneFilters,
  matchesListFilters,
  selectedForPrune,
} from "../../src/engine/volumes/volume-filters.js";
import { createdAt, volumeView } from "../../src/engine/volumes/volume-meta.js";
import { checkVolumeName } from "../../src/engine/volumes/volume-name.js";
import { checkDriver, parseLocalOptions } from "../../src/engine/volumes/volume-options.js";
import { BerthError, NotFoundError } from "../../src/shared/errors.js";

/** A volume held by the fake (sizes are given by tests). */
export interface FakeVolume {
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  created: string;
  size: number;
}

/** Volume names a create body refers to (Binds and Mounts). */
function namesIn(body: ContainerCreateBody): string[] {
  const names: string[] = [];
  for (const entry of body.HostConfig?.Binds ?? []) {
    const bind = parseBind(entry);
    if (bind.kind === "volume" && bind.source !== "") names.push(bind.source);
  }
  for (const mount of body.HostConfig?.Mounts ?? []) {
    if (mount.Type === "volume" && mount.Source) names.push(mount.Source);
  }
  return names;
}

/** The fake's volume operations, using the engine's own pure rules (names, options, filters, views). */
export function fakeVolumeMethods(fake: {
  volumes: Map<string, FakeVolume>;
  containers: ReadonlyMap<string, { id: string; body: ContainerCreateBody }>;
  now: () => number;
}) {
  const users = (name: string) =>
    [...fake.containers.values()].filter((c) => namesIn(c.body).includes(name)).map((c) => c.id);
  const view = (v: FakeVolume): VolumeInspect =>
    volumeView({
      meta: { ...v, anonymous: false },
      dataPath: `/fake/volumes/${v.name}/_data`,
    });
  const facts = (v: FakeVolume) => ({
    name: v.name,
    driver: v.driver,
    labels: v.labels,
    dangling: users(v.name).length === 0,
    anonymous: "com.docker.volume.anonymous" in v.labels,
  });
  const sorted = () => [...fake.volumes.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    listVolumes: async (query: { filters: Filters }): Promise<VolumeListResponse> => {
      checkListFilters(query.filters);
      const volumes = sorted().filter((v) => matchesListFilters(facts(v), query.filters));
      return { Volumes: volumes.map(view), Warnings: null };
    },
    createVolume: async (body: VolumeCreateBody): Promise<VolumeInspect> => {
      const driver = checkDriver(body.Driver);
      parseLocalOptions(body.DriverOpts);
      const name = body.Name ? checkVolumeName(body.Name) : `anon${fake.volumes.size}`.padEnd(64, "0");
      const existing = fake.volumes.get(name);
      if (existing) return view(existing);
      const volume: FakeVolume = {
        name,
        driver,
        labels: { ...(body.Labels ?? {}) },
        options: { ...(body.DriverOpts ?? {}) },
        created: createdAt(fake.now()),
        size: 0,
      };
      fake.volumes.set(name, volume);
      return view(volume);
    },
    inspectVolume: async (name: string): Promise<VolumeInspect> => {
      const volume = fake.volumes.get(name);
      if (!volume) throw new NotFoundError(`get ${name}: no such volume`);
      return view(volume);
    },
    removeVolume: async (name: string, query: { force: boolean }): Promise<void> => {
      if (!fake.volumes.has(name)) {
        if (query.force) return;
        throw new NotFoundError(`get ${name}: no such volume`);
      }
      const using = users(name);
      if (using.length > 0) {
        throw new BerthError("CONFLICT", `remove ${name}: volume is in use - [${using.join(", ")}]`);
      }
      fake.volumes.delete(name);
    },
    pruneVolumes: async (query: { filters: Filters }): Promise<VolumePruneResponse> => {
      checkPruneFilters(query.filters);
      const chosen = sorted().filter((v) => selectedForPrune(facts(v), query.filters));
      for (const v of chosen) fake.volumes.delete(v.name);
      return {
        VolumesDeleted: chosen.length > 0 ? chosen.map((v) => v.name) : null,
        SpaceReclaimed: chosen.reduce((sum, v) => sum + v.size, 0),
      };
    },
  };
}
