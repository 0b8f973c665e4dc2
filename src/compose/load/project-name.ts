import { basename } from "node:path";

const VALID = /^[a-z0-9][a-z0-9_-]*$/;

/** True when `name` is a valid Compose project name. */
export function isValidProjectName(name: string): boolean {
  return VALID.test(name);
}

/** Turns a directory name into a project name as Compose does: lowercase, invalid characters dropped. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "")
    .replace(/^[_-]+/, "");
}

/** Where the project name came from, for error messages. */
export type ProjectNameSource = "-p" | "COMPOSE_PROJECT_NAME" | "name" | "directory";

/** The name in force and where it came from; directory names are normalised, others must be valid. */
export function chooseProjectName(candidates: {
  flag?: string;
  variable?: string;
  fromFile?: string;
  projectDirectory: string;
}): { name: string; source: ProjectNameSource } {
  if (candidates.flag) return { name: candidates.flag, source: "-p" };
  if (candidates.variable) return { name: candidates.variable, source: "COMPOSE_PROJECT_NAME" };
  if (candidates.fromFile) return { name: candidates.fromFile, source: "name" };
  return { name: normalizeProjectName(basename(candidates.projectDirectory)), source: "directory" };
}
