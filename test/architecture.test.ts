import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The import rules of ../shared/DESIGN.md, with two composition roots added: `engine` and `cli`
// may import `platform` (they wire the host adapters into the ports), and `cli` may import `engine`
// (for `berth engine`, which runs the daemon in the foreground).
const allowed: Record<string, string[]> = {
  shared: [],
  compose: ["shared"],
  scheduler: ["shared", "compose"],
  runtime: ["shared", "image"],
  network: ["shared"],
  image: ["shared"],
  api: ["shared"],
  engine: ["shared", "api", "image", "runtime", "network", "platform"],
  client: ["shared", "api"],
  watch: ["shared", "compose", "client"],
  app: ["shared", "compose", "scheduler", "client", "watch"],
  cli: ["shared", "app", "platform", "engine"],
  platform: ["shared"],
  bench: ["*"],
};

/** Folders whose code is pure: no fs, processes, sockets or timers. */
const pure = new Set(["compose", "scheduler"]);
const hostModules =
  /^(node:)?(fs|fs\/promises|child_process|net|dgram|http|https|http2|os|timers|timers\/promises|worker_threads|cluster|readline|tty)$/;
/** Packages that only the platform folder may import. */
const platformOnly = new Set(["execa", "chokidar"]);
/** Third-party packages each pure folder may use. */
const pureDeps: Record<string, Set<string>> = {
  compose: new Set(["yaml", "js-yaml", "zod"]),
  scheduler: new Set(["p-queue"]),
};

const srcRoot = join(import.meta.dirname, "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

function importsOf(text: string): string[] {
  const found: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;
  for (const match of text.matchAll(pattern)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (spec) found.push(spec);
  }
  return found;
}

interface Violation {
  file: string;
  spec: string;
  why: string;
}

function violations(): Violation[] {
  const out: Violation[] = [];
  for (const file of sourceFiles(srcRoot)) {
    const rel = relative(srcRoot, file);
    const layer = rel.split("/")[0] ?? "";
    const rules = allowed[layer];
    if (!rules) {
      out.push({ file: rel, spec: "", why: `folder src/${layer} is not in DESIGN.md's layout` });
      continue;
    }
    for (const spec of importsOf(readFileSync(file, "utf8"))) {
      if (spec.startsWith(".")) {
        const target = relative(srcRoot, join(file, "..", spec)).split("/")[0] ?? "";
        if (target !== layer && !rules.includes("*") && !rules.includes(target)) {
          out.push({ file: rel, spec, why: `src/${layer} may not import src/${target}` });
        }
        continue;
      }
      const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec);
      if (platformOnly.has(pkg) && layer !== "platform" && layer !== "bench") {
        out.push({ file: rel, spec, why: `only src/platform may use ${pkg}` });
      }
      if (pure.has(layer)) {
        if (hostModules.test(spec))
          out.push({ file: rel, spec, why: `src/${layer} is pure: no host access` });
        else if (!spec.startsWith("node:") && !pureDeps[layer]?.has(pkg)) {
          out.push({ file: rel, spec, why: `src/${layer} may not depend on ${pkg}` });
        }
      }
    }
  }
  return out;
}

describe("architecture", () => {
  it("keeps the import rules of DESIGN.md", () => {
    expect(violations()).toEqual([]);
  });

  it("recognises every import form it checks", () => {
    const text = `import { a } from "./a.js";\nexport * from "../b.js";\nimport type { C } from "node:fs";\nconst d = await import("execa");\nimport "./side.js";`;
    expect(importsOf(text)).toEqual(["./a.js", "../b.js", "node:fs", "execa", "./side.js"]);
  });
});
