// The normalised Project model: canonical long syntax, shaped like `docker compose config --format json`.
export type * from "./types/common.js";
export type * from "./types/project.js";
export type * from "./types/service.js";
export { SERVICE_KEY_ORDER } from "./types/service.js";
export type * from "./types/service-parts.js";
