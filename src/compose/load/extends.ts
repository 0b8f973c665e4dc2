import { resolve } from "node:path";
import { ComposeError, issueAt } from "../errors.js";
import { copyWalk } from "../interpolate/index.js";
import { mergeOwnedTrees, resolveTags } from "../merge/index.js";
import type { SourceMap } from "../source-map.js";
import { cloneTree, isRawMap, type RawMap, type RawValue, setOwn } from "../tree.js";
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
    done: new Map(),
  };
  const bases = sameFileBases(services);
  for (const name of Object.keys(services)) {
    const service = services[name];
    if (!isRawMap(service) || service.extends === undefined) {
      resolved[name] = service ?? null;
      continue;
    }
    // A service no other one of this file extends is used once: its own nodes go into the result as
    // they are (the file's tree is private); a base of others is resolved once and copied.
    resolved[name] =
      bases.has(name) || service.extends === null
        ? (cloneTree(resolveService(file, name, [], resolver)) as RawMap)
        : extendService(file, name, service, [], resolver, { owned: true, tagFree: file.tagFree });
  }
  return { ...file.tree, services: resolved };
}

/** Names that services of the same file extend (without `file`, or with one naming another file). */
function sameFileBases(services: RawMap): Set<string> {
  const out = new Set<string>();
  for (const name of Object.keys(services)) {
    const service = services[name];
    if (!isRawMap(service)) continue;
    const target = service.extends;
    if (typeof target === "string") out.add(target);
    else if (isRawMap(target) && typeof target.service === "string" && target.file === undefined)
      out.add(target.service);
  }
  return out;
}

/** What resolving one service needs: other files by path relative to a directory, and the locations. */
interface Resolver {
  readRelative(baseDir: string, path: string): LoadedFile;
  sources: SourceMap;
  /** Services already resolved, by file and name: never handed out, only copied. */
  done: Map<LoadedFile, Map<string, RawMap>>;
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
 * The service `name` of `file` with its whole extends chain merged in, tags resolved, computed once
 * per file and name: callers copy it (`cloneTree`) before changing it.
 */
function resolveService(file: LoadedFile, name: string, chain: string[], context: Resolver): RawMap {
  let ofFile = context.done.get(file);
  if (ofFile === undefined) {
    ofFile = new Map();
    context.done.set(file, ofFile);
  }
  const known = ofFile.get(name);
  if (known !== undefined) return known;
  const services = isRawMap(file.tree.services) ? file.tree.services : {};
  const raw = services[name];
  const service: RawMap = isRawMap(raw) ? raw : {};
  const result =
    service.extends === undefined || service.extends === null
      ? (resolveTags(service) as RawMap)
      : extendService(file, name, service, chain, context, { owned: false, tagFree: false });
  ofFile.set(name, result);
  return result;
}

/**
 * `service` (named `name` in `file`) merged onto its resolved base. Its own nodes are taken as they
 * are when `owned` (nobody else reads them), else copied; the result shares no node with the base's.
 */
function extendService(
  file: LoadedFile,
  name: string,
  service: RawMap,
  chain: string[],
  context: Resolver,
  own: { owned: boolean; tagFree: boolean },
): RawMap {
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
  const target = extendsTarget(service.extends as RawValue, name, file);
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
  let base = cloneTree(resolveService(baseFile, target.service, [...chain, key], context)) as RawMap;
  if (baseFile !== file) {
    base = rebaseServicePaths(base, baseFile.baseDir, file.baseDir);
    context.sources.absorbSubtree(baseFile.sources, ["services", target.service], ["services", name]);
  }
  const local: RawMap = {};
  for (const entry of Object.keys(service)) {
    if (entry === "extends") continue;
    const value = service[entry] as RawValue;
    setOwn(local, entry, own.owned ? value : copyWalk(value, undefined, [], { issues: [] }));
  }
  const merged = mergeOwnedTrees(base, local, ["services", name], {
    baseTagFree: true,
    overrideTagFree: own.tagFree,
  });
  return isRawMap(merged) ? merged : {};
}
