import { serviceConfigHash } from "../../scheduler/config-hash.js";
import { NotFoundError } from "../../shared/errors.js";
import type { LoaderHost, LoadOptions, Project, ProjectLoader } from "../compose-port.js";
import { orderProject } from "./order-model.js";
import { renderJson, renderYaml } from "./render-model.js";
import { selectServices } from "./select-services.js";

/** Output formats of `config`. */
export type ConfigFormat = "yaml" | "json";

/** The one-name-per-line listings of `config` (`--services`, `--volumes`, …). */
export type ConfigListing = "services" | "volumes" | "networks" | "profiles" | "images" | "models";

/** What `berth config` was asked to do. */
export interface ConfigRequest {
  load: LoadOptions;
  format: ConfigFormat;
  listing?: ConfigListing;
  /** `--hash`: `*` or a comma-separated list of services. */
  hash?: string;
  /** Positional service names: render only these and their dependencies. */
  services: readonly string[];
  /** `-q`: load and check only; nothing is rendered (`text` is empty). */
  quiet?: boolean;
}

/** The ports `config` needs. */
export interface ConfigDeps {
  loadProject: ProjectLoader;
  host: LoaderHost;
}

/** Text to print (exactly, no newline added) and warnings for stderr. */
export interface ConfigOutput {
  text: string;
  warnings: string[];
}

/** `berth config`: load the project and render it, or one of its listings, as Docker Compose does. */
export function configCommand(request: ConfigRequest, deps: ConfigDeps): ConfigOutput {
  const interpolate = request.load.interpolate !== false;
  const warnings: string[] = [];
  const loadOptions: LoadOptions = { ...request.load };
  if (request.services.length > 0) loadOptions.services = [...request.services];
  const result = deps.loadProject(loadOptions, deps.host);
  warnings.push(...result.warnings);
  const project = result.project;

  if (request.listing !== undefined) {
    const names = listing(request.listing, project, result.allProfiles);
    return { text: lines(names), warnings };
  }
  if (request.hash !== undefined) return { text: hashes(project, request.hash), warnings };

  let selected = project;
  if (request.services.length > 0) {
    if (interpolate) selected = selectServices(project, request.services);
    else warnings.push("service filtering is not applied when --no-interpolate is set");
  }
  if (request.quiet) return { text: "", warnings };
  const ordered = orderProject(selected, request.format);
  let text = request.format === "json" ? renderJson(ordered) : renderYaml(ordered);
  // Interpolation consumed `$$`; print it escaped again so the output is itself a valid compose file.
  if (interpolate) text = text.replaceAll("$", () => "$$");
  return { text, warnings };
}

function listing(kind: ConfigListing, project: Project, allProfiles: readonly string[]): string[] {
  switch (kind) {
    case "services":
      return Object.keys(project.services).sort();
    case "volumes":
      return Object.keys(project.volumes ?? {}).sort();
    case "networks":
      return Object.keys(project.networks ?? {}).sort();
    case "profiles":
      return [...allProfiles].sort();
    case "images":
      return Object.keys(project.services)
        .sort()
        .map((name) => imageName(project, name));
    case "models":
      return modelNames(project);
  }
}

function imageName(project: Project, service: string): string {
  const image = project.services[service]?.image;
  return typeof image === "string" && image !== "" ? image : `${project.name}-${service}`;
}

function modelNames(project: Project): string[] {
  const models: unknown = (project as unknown as Record<string, unknown>).models;
  if (typeof models !== "object" || models === null) return [];
  return Object.entries(models as Record<string, unknown>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => {
      const model =
        typeof value === "object" && value !== null ? (value as { model?: unknown }).model : undefined;
      return typeof model === "string" ? model : key;
    });
}

function hashes(project: Project, selector: string): string {
  const names =
    selector === "*"
      ? Object.keys(project.services)
      : selector
          .split(",")
          .map((name) => name.trim())
          .filter((name) => name !== "");
  const out: string[] = [];
  for (const name of [...names].sort()) {
    const service = project.services[name];
    if (service === undefined) throw new NotFoundError(`no such service: ${name}`, { details: { name } });
    out.push(`${name} ${serviceConfigHash(service)}`);
  }
  return lines(out);
}

function lines(items: readonly string[]): string {
  return items.map((item) => `${item}\n`).join("");
}
