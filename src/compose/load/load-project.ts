import { dirname, resolve } from "node:path";
import { ComposeError } from "../errors.js";
import { buildDependencyGraph } from "../graph/index.js";
import { type LoaderHost, lookupIn } from "../host.js";
import { enforceUnicityInPlace, mergeOwnedTrees, mergeTrees, resolveTagsInPlace } from "../merge/index.js";
import { normalizeProject } from "../normalize/index.js";
import { SourceMap } from "../source-map.js";
import { isRawMap, type RawMap } from "../tree.js";
import type { Project } from "../types.js";
import { checkReferences, validateProject } from "../validate/index.js";
import { findConfigFiles } from "./config-files.js";
import { resolveEnvironment } from "./environment.js";
import { applyExtends } from "./extends.js";
import { loadIncludes } from "./include.js";
import { type LoadedFile, readComposeFile } from "./load-file.js";
import type { LoadOptions, LoadResult } from "./load-options.js";
import { canonicalMappings } from "./mapping-forms.js";
import { applyProfiles, declaredProfiles } from "./profiles.js";
import { chooseProjectName, isValidProjectName } from "./project-name.js";

/**
 * Loads a compose project. The order of the stages is this file's whole business:
 * find files → environment → per file: parse, interpolate, include, extends → merge → tags, unicity
 * → name → validate → profiles → normalise → dependency graph (cycles).
 */
export function loadProject(options: LoadOptions, host: LoaderHost): LoadResult {
  const warnings: string[] = [];
  const files = findConfigFiles(
    {
      files: options.files,
      cwd: options.cwd,
      environment: options.environment,
      ...(options.projectDirectory === undefined ? {} : { projectDirectory: options.projectDirectory }),
    },
    host,
  );
  const firstPath = files[0]?.path ?? "-";
  const projectDirectory = options.projectDirectory
    ? resolve(options.cwd, options.projectDirectory)
    : firstPath === "-"
      ? options.cwd
      : dirname(firstPath);
  const environment = resolveEnvironment(
    { shell: options.environment, envFiles: options.envFiles ?? [], baseDir: options.cwd, projectDirectory },
    host,
  );
  const sources = new SourceMap();
  const loader = new TreeLoader(host, options.interpolate ?? true, sources, options.stdin);
  let tree = loader.load({ files: files.map((f) => f.path), projectDirectory, environment, stack: [] });
  tree = enforceUnicityInPlace(tree) as RawMap;

  if (tree.version !== undefined) {
    warnings.push(
      "the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion",
    );
    const { version: _obsolete, ...rest } = tree;
    tree = rest;
  }
  const projectName = projectNameOf(tree, options, environment, projectDirectory);
  tree = { ...tree, name: projectName };

  if (!options.skipValidation) {
    const issues = [...validateProject(tree, sources), ...checkReferences(tree, sources)];
    if (issues.length > 0) throw new ComposeError(issues);
  }
  const allProfiles = declaredProfiles(tree);
  const profiles = options.profiles ?? splitList(environment.COMPOSE_PROFILES);
  tree = applyProfiles(tree, { active: profiles, services: options.services ?? [] }, sources);

  if (options.normalize === false) {
    return {
      project: canonicalMappings(tree) as unknown as Project,
      configFiles: files.map((f) => f.path),
      allProfiles,
      environment,
      warnings,
    };
  }
  const project = normalizeProject(tree, {
    projectName,
    workingDir: projectDirectory,
    lookup: lookupIn(environment),
    host,
    resolvePaths: options.resolvePaths ?? true,
    foldEnvFiles: options.resolveEnvFiles ?? true,
    foldLabelFiles: options.resolveLabelFiles ?? true,
    sources,
  });
  buildDependencyGraph(project);
  const configFiles = files.map((f) => f.path);
  return { project, configFiles, allProfiles, environment, warnings };
}

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function projectNameOf(
  tree: RawMap,
  options: LoadOptions,
  environment: Record<string, string>,
  projectDirectory: string,
): string {
  const chosen = chooseProjectName({
    ...(options.projectName ? { flag: options.projectName } : {}),
    ...(environment.COMPOSE_PROJECT_NAME ? { variable: environment.COMPOSE_PROJECT_NAME } : {}),
    ...(typeof tree.name === "string" && tree.name !== "" ? { fromFile: tree.name } : {}),
    projectDirectory,
  });
  if (!isValidProjectName(chosen.name)) {
    const origin = chosen.source === "directory" ? `directory ${projectDirectory}` : chosen.source;
    throw new ComposeError([
      {
        path: chosen.source === "name" ? "name" : "",
        message: `invalid project name "${chosen.name}" (from ${origin}): must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number`,
      },
    ]);
  }
  return chosen.name;
}

interface TreeRequest {
  files: string[];
  projectDirectory: string;
  environment: Record<string, string>;
  stack: string[];
}

/** Loads the files of one (sub-)project into one merged raw tree, with includes and extends applied. */
class TreeLoader {
  constructor(
    private readonly host: LoaderHost,
    private readonly interpolate: boolean,
    private readonly sources: SourceMap,
    private readonly stdin: string | undefined,
  ) {}

  load(request: TreeRequest): RawMap {
    const lookup = lookupIn(request.environment);
    const context = {
      host: this.host,
      lookup,
      interpolate: this.interpolate,
      ...(this.stdin === undefined ? {} : { stdin: this.stdin }),
    };
    const others = new Map<string, LoadedFile>();
    const readOther = (path: string): LoadedFile => {
      let file = others.get(path);
      if (!file) {
        file = readComposeFile(path, undefined, context);
        others.set(path, file);
      }
      return file;
    };
    let merged: RawMap | undefined;
    // After a merge the tree is tag-free: later merges and the end need not look for tags in it again.
    let mergedTagFree = false;
    for (const path of request.files) {
      const file = readComposeFile(path, request.projectDirectory, context);
      const included = loadIncludes(file, {
        host: this.host,
        parentEnvironment: request.environment,
        stack: request.stack.length === 0 && path !== "-" ? [path] : request.stack,
        loadSubProject: (sub) => this.load(sub),
      });
      const { include: _done, ...own } = file.tree;
      const combined = Object.keys(included).length > 0 ? (mergeTrees(included, own) as RawMap) : own;
      const extended = applyExtends({ ...file, tree: combined }, { readOther, sources: this.sources });
      this.sources.absorb(file.sources);
      // Every file's tree is a private copy (see readComposeFile), so files merge in place.
      const tagFree = file.tagFree && Object.keys(included).length === 0;
      if (merged === undefined) {
        merged = extended;
        mergedTagFree = tagFree;
      } else {
        const known = { baseTagFree: mergedTagFree, overrideTagFree: tagFree };
        merged = mergeOwnedTrees(merged, extended, [], known) as RawMap;
        mergedTagFree = true;
      }
    }
    const result = mergedTagFree ? (merged ?? {}) : resolveTagsInPlace(merged ?? {});
    return isRawMap(result) ? result : {};
  }
}
