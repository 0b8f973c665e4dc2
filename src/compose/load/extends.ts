import { resolve } from "node:path";
import { ComposeError, issueAt } from "../errors.js";
import { copyWalk } from "../interpolate/index.js";
import { mergeOwnedTrees, resolveTags } from "../merge/index.js";
import type { SourceMap } from "../source-map.js";
import { isRawMap, type RawMap, type RawValue, setOwn } from "../tree.js";
import { isRemoteResource } from "./include.js";
import type { LoadedFile } from "./load-file.js";
import { rebaseServicePaths } from "./rebase-paths.js";

/** What resolving `extends` needs: a way to read other files, and where locations are collected. */
export interface ExtendsContext {
  /** Reads (and caches) another compose file, with its own directory as base. */
  readOther(path: string): LoadedFile;
  /** Collected locations of the project being loaded. */
  sources: SourceMap;
}

/** Resolves `extends` of every service of a file; returns the file's tree with complete services. */
export function applyExtends(file: LoadedFile, context: ExtendsContext): RawMap {
  const services = file.tree.services;
  if (!isRawMap(services)) return file.tree;
  const resolved: RawMap = {};
  const byRelativePath = new Map<string, LoadedFile>();
  const resolver: Resolver = {
    sources: context.sources,
    readRelative: (baseDir, path) => {
      const key = `${baseDir}\u0000${path}`;
      let found = byRelativePath.get(key);
      if (found === undefined) {
        found = context.readOther(resolve(baseDir, path));
        byRelativePath.set(key, found);
      }
      return found;
    },
  };
  for (const name of Object.keys(services)) {
    const service = services[name];
    resolved[name] =
      isRawMap(service) && service.extends !== undefined
        ? resolveService(file, name, [], resolver)
        : (service ?? null);
  }
  return { ...file.tree, services: resolved };
}

/** What resolving one service needs: other files by path relative to a directory, and the locations. */
interface Resolver {
  readRelative(baseDir: string, path: string): LoadedFile;
  sources: SourceMap;
}

interface ExtendsTarget {
  service: string;
  file?: string;
}

function extendsTarget(value: RawValue, name: string, file: LoadedFile): ExtendsTarget {
  if (typeof value === "string") return { service: value };
  if (isRawMap(value)) {
    if (typeof value.service !== "string" || value.service === "") {
      throw new ComposeError([
        issueAt(["services", name, "extends"], `extends.${name}.service is required`, file.sources),
      ]);
    }
    if (value.file !== undefined && value.file !== null && typeof value.file !== "string") {
      throw new ComposeError([
        issueAt(["services", name, "extends", "file"], "extends.file must be a string", file.sources),
      ]);
    }
    return typeof value.file === "string"
      ? { service: value.service, file: value.file }
      : { service: value.service };
  }
  throw new ComposeError([
    issueAt(
      ["services", name, "extends"],
      "extends must be a service name or a mapping with service and file",
      file.sources,
    ),
  ]);
}

/**
 * The service `name` of `file` with its whole extends chain merged in, tags resolved: a fresh tree
 * that shares no node with the file (so that later merges may change it in place).
 */
function resolveService(file: LoadedFile, name: string, chain: string[], context: Resolver): RawMap {
  const services = isRawMap(file.tree.services) ? file.tree.services : {};
  const raw = services[name];
  const service: RawMap = isRawMap(raw) ? raw : {};
  const key = `${file.path}#${name}`;
  if (chain.includes(key)) {
    const names = [...chain.slice(chain.indexOf(key)), key].map((entry) => entry.split("#").pop());
    throw new ComposeError([
      issueAt(
        ["services", name, "extends"],
        `circular reference with extends: ${names.join(" -> ")}`,
        file.sources,
      ),
    ]);
  }
  if (service.extends === undefined || service.extends === null) return resolveTags(service) as RawMap;

  const target = extendsTarget(service.extends, name, file);
  let baseFile = file;
  if (target.file !== undefined && isRemoteResource(target.file)) {
    throw new ComposeError([
      issueAt(
        ["services", name, "extends", "file"],
        `remote extends "${target.file}" is not supported: berth loads local files only`,
        file.sources,
      ),
    ]);
  }
  if (target.file !== undefined) baseFile = context.readRelative(file.baseDir, target.file);
  const baseServices = isRawMap(baseFile.tree.services) ? baseFile.tree.services : {};
  if (!Object.hasOwn(baseServices, target.service)) {
    const where = target.file === undefined ? "" : ` in ${target.file}`;
    throw new ComposeError([
      issueAt(
        ["services", name, "extends"],
        `cannot extend service "${name}": service "${target.service}" not found${where}`,
        file.sources,
      ),
    ]);
  }
  let base = resolveService(baseFile, target.service, [...chain, key], context);
  if (baseFile !== file) {
    base = rebaseServicePaths(base, baseFile.baseDir, file.baseDir);
    context.sources.absorbSubtree(baseFile.sources, ["services", target.service], ["services", name]);
  }
  const local: RawMap = {};
  for (const key of Object.keys(service)) {
    if (key !== "extends")
      setOwn(local, key, copyWalk(service[key] as RawValue, undefined, [], { issues: [] }));
  }
  const merged = mergeOwnedTrees(base, local, ["services", name]);
  return isRawMap(merged) ? merged : {};
}
