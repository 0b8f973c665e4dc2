import { z } from "zod";
import { NAME_PATTERN, namedMap, patternMap, strict } from "./object.js";
import { str, stringOrList } from "./primitives.js";
import { config, model, network, secret, volume } from "./resources.js";
import { service } from "./service.js";

/** One `include` entry: a path, or `{path, env_file, project_directory}`. */
export const includeEntry = z.union([
  str,
  strict(
    { path: stringOrList.optional(), env_file: stringOrList.optional(), project_directory: str.optional() },
    { extensions: false },
  ),
]);

/** A whole compose project tree, as written by users (after merge and interpolation). */
export const project = strict(
  {
    version: str.optional(),
    name: str.optional(),
    include: z.array(includeEntry).optional(),
    services: namedMap(service).optional(),
    models: patternMap(NAME_PATTERN, model).optional(),
    networks: patternMap(NAME_PATTERN, network).optional(),
    volumes: namedMap(volume).optional(),
    secrets: namedMap(secret).optional(),
    configs: namedMap(config).optional(),
  },
  { extensions: true },
);
