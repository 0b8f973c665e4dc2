import { z } from "zod";
import { ContainerConfig } from "./container-config.js";
import { boolParam, filtersParam, textParam } from "./query.js";

/** One entry of GET /images/json. */
export const ImageSummary = z.object({
  Id: z.string(),
  ParentId: z.string(),
  RepoTags: z.array(z.string()),
  RepoDigests: z.array(z.string()),
  Created: z.number().int(),
  Size: z.number().int(),
  SharedSize: z.number().int(),
  Labels: z.record(z.string(), z.string()),
  Containers: z.number().int(),
});
/** One entry of GET /images/json. */
export type ImageSummary = z.infer<typeof ImageSummary>;

/** GET /images/json query. */
export const ImageListQuery = z.object({ all: boolParam, digests: boolParam, filters: filtersParam });
/** GET /images/json query. */
export type ImageListQuery = z.infer<typeof ImageListQuery>;

/** GET /images/{name}/json: Docker's ImageInspect. */
export const ImageInspect = z.object({
  Id: z.string(),
  RepoTags: z.array(z.string()),
  RepoDigests: z.array(z.string()),
  Parent: z.string(),
  Comment: z.string(),
  Created: z.string(),
  DockerVersion: z.string(),
  Author: z.string(),
  Config: ContainerConfig,
  Architecture: z.string(),
  Variant: z.string().optional(),
  Os: z.string(),
  Size: z.number().int(),
  GraphDriver: z.object({ Name: z.string(), Data: z.record(z.string(), z.string()).nullable() }),
  RootFS: z.object({ Type: z.string(), Layers: z.array(z.string()) }),
  Metadata: z.object({ LastTagTime: z.string().optional() }),
});
/** GET /images/{name}/json. */
export type ImageInspect = z.infer<typeof ImageInspect>;

/** POST /images/{name}/tag query. */
export const ImageTagQuery = z.object({
  repo: z.string({ error: "repository name is required" }).min(1, "repository name is required"),
  tag: textParam,
});
/** POST /images/{name}/tag query. */
export type ImageTagQuery = z.infer<typeof ImageTagQuery>;

/** DELETE /images/{name} query. */
export const ImageRemoveQuery = z.object({ force: boolParam, noprune: boolParam });
/** DELETE /images/{name} query. */
export type ImageRemoveQuery = z.infer<typeof ImageRemoveQuery>;

/** One line of the DELETE /images/{name} answer. */
export const ImageDeleteItem = z.object({ Untagged: z.string().optional(), Deleted: z.string().optional() });
/** One line of the DELETE /images/{name} answer. */
export type ImageDeleteItem = z.infer<typeof ImageDeleteItem>;

/** POST /images/prune query. */
export const ImagePruneQuery = z.object({ filters: filtersParam });
/** POST /images/prune query. */
export type ImagePruneQuery = z.infer<typeof ImagePruneQuery>;

/** POST /images/prune answer. */
export const ImagePruneResponse = z.object({
  ImagesDeleted: z.array(ImageDeleteItem).nullable(),
  SpaceReclaimed: z.number().int(),
});
/** POST /images/prune answer. */
export type ImagePruneResponse = z.infer<typeof ImagePruneResponse>;

/** POST /images/load query. */
export const ImageLoadQuery = z.object({ quiet: boolParam });
/** POST /images/load query. */
export type ImageLoadQuery = z.infer<typeof ImageLoadQuery>;

/** What a load made: the references (or bare ids) of the images it brought in. */
export interface ImageLoadResult {
  loaded: { ref?: string; id: string }[];
}

/** GET /images/get query: the images to save (repeated `names=`). */
export interface ImageSaveQuery {
  names: string[];
}

/** Parses GET /images/get's repeated `names` parameter. */
export function parseImageSaveQuery(params: URLSearchParams): ImageSaveQuery {
  return { names: params.getAll("names").filter((name) => name !== "") };
}

/** POST /images/create query: berth supports the import form (`fromSrc=-` with a tar body). */
export const ImageCreateQuery = z.object({
  fromSrc: textParam,
  fromImage: textParam,
  repo: textParam,
  tag: textParam,
  message: textParam,
  platform: textParam,
});
/** POST /images/create query. */
export type ImageCreateQuery = z.infer<typeof ImageCreateQuery>;

/** Options of an import: the reference to give the image, a commit message, Dockerfile-style changes. */
export interface ImageImportOptions {
  repo?: string;
  tag?: string;
  message?: string;
  changes: string[];
}

/** A JSON progress message as load/import/pull stream them (one object per line). */
export const ProgressMessage = z.object({
  stream: z.string().optional(),
  status: z.string().optional(),
  id: z.string().optional(),
  progress: z.string().optional(),
  error: z.string().optional(),
  errorDetail: z.object({ message: z.string() }).optional(),
});
/** A JSON progress message. */
export type ProgressMessage = z.infer<typeof ProgressMessage>;
