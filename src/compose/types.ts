// Placeholder: the normalised Project model; owned and completed by the normalize stage.

/** A compose project in canonical long syntax, shaped like `docker compose config --format json`. */
export interface Project {
  name: string;
  services: Record<string, ServiceConfig>;
  networks?: Record<string, Record<string, unknown>>;
  volumes?: Record<string, Record<string, unknown>>;
  secrets?: Record<string, Record<string, unknown>>;
  configs?: Record<string, Record<string, unknown>>;
}

/** One service in canonical long syntax. */
export interface ServiceConfig {
  image?: string;
  profiles?: string[];
  [key: string]: unknown;
}
