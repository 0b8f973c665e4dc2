import { serviceConfigHash } from "../../scheduler/config-hash.js";
import { NotFoundError } from "../../shared/errors.js";
import type { LoaderHost, LoadOptions, Project, ProjectLoader, ServiceConfig } from "../compose-port.js";
import { interpolationEnvironment } from "./interpolation-environment.js";
import { extractModelVariables } from "./model-variables.js";
import { orderProject } from "./order-model.js";
import { renderJson, renderYaml } from "./render-model.js";
import { renderVariables, type VariablesFormat } from "./render-variables.js";
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
  /** `--variables`: the variables the model refers to, in this format, instead of the model. */
  variables?: VariablesFormat;
  /** `--environment`: the interpolation environment, `KEY=value` lines, instead of the model. */
  environment?: boolean;
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
  if (request.variables !== undefined) return variablesOutput(request, deps, request.variables);
  const interpolate = request.load.interpolate !== false;
  const warnings: string[] = [];
  const loadOptions: LoadOptions = { ...request.load };
  // Without interpolation the model is printed as written: env and label files stay unread.
  if (!interpolate) {
    loadOptions.resolveEnvFiles = false;
    loadOptions.resolveLabelFiles = false;
  }
  if (request.services.length > 0) loadOptions.services = [...request.services];
  const result = deps.loadProject(loadOptions, deps.host);
  warnings.push(...result.warnings);
  const project = result.project;

  if (request.listing !== undefined) {
    const names = listing(request.listing, project, result.allProfiles);
    return { text: lines(names), warnings };
  }
  if (request.hash !== undefined) return { text: hashes(project, request.hash), warnings };
  if (request.environment) {
    return { text: lines(interpolationEnvironment(result)), warnings };
  }

  let selected = project;
  if (request.services.length > 0) {
    if (interpolate) selected = selectServices(project, request.services);
    else warnings.push("service filtering is not applied when --no-interpolate is set");
  }
  if (request.quiet) return { text: "", warnings };
  // Compose prints env_file and label_file folded into environment and labels, not as attributes.
  if (request.load.normalize !== false) selected = withoutFoldedFiles(selected, loadOptions);
  const ordered = orderProject(selected, request.format);
  let text = request.format === "json" ? renderJson(ordered) : renderYaml(ordered);
  // Interpolation consumed `$$`; print it escaped again so the output is itself a valid compose file.
  if (interpolate) text = text.replaceAll("$", () => "$$");
  return { text, warnings };
}

/** `--variables`: read the model as written (no interpolation, normalisation or validation), list its variables. */
function variablesOutput(request: ConfigRequest, deps: ConfigDeps, format: VariablesFormat): ConfigOutput {
  const warnings: string[] = [];
  if (request.services.length > 0) {
    warnings.push(
      "service filtering is not applied when --variables is set, variables from the full model will be rendered",
    );
  }
  const load: LoadOptions = {
    ...request.load,
    interpolate: false,
    normalize: false,
    skipValidation: true,
    // Every service is part of the model, whatever its profiles.
    profiles: ["*"],
  };
  const result = deps.loadProject(load, deps.host);
  warnings.push(...result.warnings);
  return { text: renderVariables(extractModelVariables(result.project), format), warnings };
}

function withoutFoldedFiles(project: Project, load: LoadOptions): Project {
  const dropEnvFiles = load.resolveEnvFiles !== false;
  const dropLabelFiles = load.resolveLabelFiles !== false;
  if (!dropEnvFiles && !dropLabelFiles) return project;
  const services: Record<string, ServiceConfig> = {};
  for (const [name, service] of Object.entries(project.services)) {
    const { env_file, label_file, ...rest } = service;
    services[name] = {
      ...rest,
      ...(dropEnvFiles || env_file === undefined ? {} : { env_file }),
      ...(dropLabelFiles || label_file === undefined ? {} : { label_file }),
    };
  }
  return { ...project, services };
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
