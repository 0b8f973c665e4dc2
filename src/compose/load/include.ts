import { dirname, resolve } from "node:path";
import { ComposeError, issueAt } from "../errors.js";
import { type LoaderHost, lookupIn } from "../host.js";
import { isRawMap, type RawMap, type RawValue } from "../tree.js";
import { resolveEnvironment } from "./environment.js";
import type { LoadedFile } from "./load-file.js";
import { rebaseFileResources, rebaseServicePaths } from "./rebase-paths.js";

/** Top-level sections whose resources an included project contributes. */
const SECTIONS = ["services", "networks", "volumes", "secrets", "configs", "models"] as const;

/** One `include` entry in long form. */
export interface IncludeEntry {
  paths: string[];
  projectDirectory: string;
  envFiles: string[];
}

/** What loading an included project needs from the loader. */
export interface IncludeContext {
  host: LoaderHost;
  /** Shell environment plus the including project's env files: it wins over include env files. */
  parentEnvironment: Readonly<Record<string, string>>;
  /** Files being included right now, to detect cycles. */
  stack: readonly string[];
  /** Loads the files of a sub-project fully (includes, extends, merge) with its own environment. */
  loadSubProject(request: {
    files: string[];
    projectDirectory: string;
    environment: Record<string, string>;
    stack: string[];
  }): RawMap;
}

function stringList(value: RawValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === "string");
  return [];
}

/** True for git or OCI addresses, which berth does not fetch. */
export function isRemoteResource(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith("git@");
}

/** Reads the `include` section of a file into long-form entries with absolute paths. */
export function includeEntries(file: LoadedFile): IncludeEntry[] {
  const section = file.tree.include;
  if (section === undefined || section === null) return [];
  if (!Array.isArray(section)) {
    throw new ComposeError([issueAt(["include"], "include must be a list", file.sources)]);
  }
  return section.map((entry, index) => {
    const raw: RawMap = typeof entry === "string" ? { path: entry } : isRawMap(entry) ? entry : {};
    const written = stringList(raw.path);
    const remote = written.find(isRemoteResource);
    if (remote !== undefined) {
      throw new ComposeError([
        issueAt(
          ["include", index],
          `remote include "${remote}" is not supported: berth loads local files only`,
          file.sources,
        ),
      ]);
    }
    const paths = written.map((path) => resolve(file.baseDir, path));
    if (paths.length === 0) {
      throw new ComposeError([issueAt(["include", index], "include entry needs a path", file.sources)]);
    }
    const projectDirectory =
      typeof raw.project_directory === "string"
        ? resolve(file.baseDir, raw.project_directory)
        : dirname(paths[0] ?? "");
    const envFiles = stringList(raw.env_file).map((path) => resolve(file.baseDir, path));
    return { paths, projectDirectory, envFiles };
  });
}

/** Loads every included project of `file` and returns their resources, merged, relative to the file. */
export function loadIncludes(file: LoadedFile, context: IncludeContext): RawMap {
  const collected: RawMap = {};
  const origins = new Map<string, string>();
  for (const entry of includeEntries(file)) {
    for (const path of entry.paths) {
      if (context.stack.includes(path)) {
        throw new ComposeError([
          issueAt(
            ["include"],
            `include cycle detected: ${[...context.stack, path].join(" -> ")}`,
            file.sources,
          ),
        ]);
      }
    }
    const environment = resolveEnvironment(
      {
        shell: context.parentEnvironment,
        envFiles: entry.envFiles,
        baseDir: file.baseDir,
        projectDirectory: entry.projectDirectory,
      },
      context.host,
    );
    const sub = context.loadSubProject({
      files: entry.paths,
      projectDirectory: entry.projectDirectory,
      environment,
      stack: [...context.stack, ...entry.paths],
    });
    const lookup = lookupIn(environment);
    for (const section of SECTIONS) {
      const resources = sub[section];
      if (!isRawMap(resources)) continue;
      const target = isRawMap(collected[section]) ? (collected[section] as RawMap) : {};
      for (const [name, definition] of Object.entries(rebaseSection(section, resources, entry, file))) {
        const resolvedDefinition =
          section === "services" && isRawMap(definition)
            ? resolveBareEnvironment(definition, lookup)
            : definition;
        const origin = `${section}.${name}`;
        if (Object.hasOwn(target, name) && !deepEqual(target[name], resolvedDefinition)) {
          throw new ComposeError([
            issueAt(
              ["include"],
              `imported compose file ${entry.paths.join(", ")} defines conflicting ${section.slice(0, -1)} "${name}" (also imported from ${origins.get(origin)})`,
              file.sources,
            ),
          ]);
        }
        target[name] = resolvedDefinition ?? null;
        origins.set(origin, entry.paths.join(", "));
      }
      collected[section] = target;
    }
  }
  return collected;
}

function rebaseSection(section: string, resources: RawMap, entry: IncludeEntry, file: LoadedFile): RawMap {
  const from = entry.projectDirectory;
  const to = file.baseDir;
  if (section === "secrets" || section === "configs") return rebaseFileResources(resources, from, to);
  if (section !== "services") return resources;
  const out: RawMap = {};
  for (const [name, definition] of Object.entries(resources)) {
    out[name] = isRawMap(definition) ? rebaseServicePaths(definition, from, to) : definition;
  }
  return out;
}

/** Fills `environment` entries that have no value from the included project's own environment. */
function resolveBareEnvironment(service: RawMap, lookup: (name: string) => string | undefined): RawMap {
  const environment = service.environment;
  if (Array.isArray(environment)) {
    return {
      ...service,
      environment: environment.map((entry) => {
        if (typeof entry !== "string" || entry.includes("=")) return entry;
        const value = lookup(entry);
        return value === undefined ? entry : `${entry}=${value}`;
      }),
    };
  }
  if (isRawMap(environment)) {
    const filled: RawMap = {};
    for (const [key, value] of Object.entries(environment)) {
      filled[key] = value === null ? (lookup(key) ?? null) : value;
    }
    return { ...service, environment: filled };
  }
  return service;
}

/** Structural equality of raw trees (included twice is fine when both copies are the same). */
export function deepEqual(a: RawValue | undefined, b: RawValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isRawMap(a) && isRawMap(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
    );
  }
  return false;
}
