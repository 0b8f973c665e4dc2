import { z } from "zod";
import { boolParam, filtersParam } from "./query.js";

// Volumes in the Docker Engine API's shapes (API 1.43).

/** GET /volumes/{name}, one entry of GET /volumes, and the POST /volumes/create answer. */
export const VolumeInspect = z.object({
  Name: z.string(),
  Driver: z.string(),
  Mountpoint: z.string(),
  CreatedAt: z.string(),
  Status: z.record(z.string(), z.unknown()).optional(),
  Labels: z.record(z.string(), z.string()).nullable(),
  Scope: z.string(),
  Options: z.record(z.string(), z.string()).nullable(),
  UsageData: z.object({ Size: z.number().int(), RefCount: z.number().int() }).nullable().optional(),
});
/** Docker's Volume. */
export type VolumeInspect = z.infer<typeof VolumeInspect>;

/** POST /volumes/create body. */
export const VolumeCreateBody = z.object({
  Name: z.string().nullish(),
  Driver: z.string().nullish(),
  DriverOpts: z.record(z.string(), z.string()).nullish(),
  Labels: z.record(z.string(), z.string()).nullish(),
});
/** POST /volumes/create body. */
export type VolumeCreateBody = z.infer<typeof VolumeCreateBody>;

/** GET /volumes query (filters: dangling, driver, label, name). */
export const VolumeListQuery = z.object({ filters: filtersParam });
/** GET /volumes query. */
export type VolumeListQuery = z.infer<typeof VolumeListQuery>;

/** GET /volumes answer. */
export const VolumeListResponse = z.object({
  Volumes: z.array(VolumeInspect),
  Warnings: z.array(z.string()).nullable(),
});
/** GET /volumes answer. */
export type VolumeListResponse = z.infer<typeof VolumeListResponse>;

/** DELETE /volumes/{name} query. */
export const VolumeRemoveQuery = z.object({ force: boolParam });
/** DELETE /volumes/{name} query. */
export type VolumeRemoveQuery = z.infer<typeof VolumeRemoveQuery>;

/** POST /volumes/prune query (filters: label, label!, all — anonymous volumes only unless all=true). */
export const VolumePruneQuery = z.object({ filters: filtersParam });
/** POST /volumes/prune query. */
export type VolumePruneQuery = z.infer<typeof VolumePruneQuery>;

/** POST /volumes/prune answer. */
export const VolumePruneResponse = z.object({
  VolumesDeleted: z.array(z.string()).nullable(),
  SpaceReclaimed: z.number().int(),
});
/** POST /volumes/prune answer. */
export type VolumePruneResponse = z.infer<typeof VolumePruneResponse>;
