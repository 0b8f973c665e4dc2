import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

// A short-lived "engine" process for the survival test: our TypeScript sources transpiled file by
// file into a scratch dir (Node 20 cannot run .ts), plus a script that creates and starts one container.

const repo = join(import.meta.dirname, "../../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

const script = `
import { execFile } from "node:child_process";
import { linuxContainerRuntime } from "./src/runtime/linux/linux-runtime.js";
import { nodeStreamingRunner } from "./src/platform/streaming-runner.js";
import { nodeClock } from "./src/platform/node-clock.js";
const runner = { run: (argv, options = {}) => new Promise((resolve) => {
  const child = execFile(argv[0], argv.slice(1), { encoding: "utf8" }, (error, stdout, stderr) =>
    resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }));
  child.stdin.on("error", () => {}); // EPIPE when the command exits before reading its stdin
  child.stdin.end(options.input ?? "");
}) };
const { location, id, spec, lowerDirs } = JSON.parse(process.argv[2]);
const rt = linuxContainerRuntime({ location, runner, streamer: nodeStreamingRunner(), clock: nodeClock() });
await rt.prepare(id, { spec, lowerDirs });
const pid = await rt.create(id);
await rt.start(id);
process.stdout.write(JSON.stringify({ pid }) + "\\n");
process.exit(0);
`;

/** Writes the transpiled runtime and the child script into `dir`; returns the script's path. */
export function writeChildEngine(dir: string): string {
  const roots = ["src/shared", "src/runtime", "src/platform"].map((d) => join(repo, d));
  for (const file of roots.flatMap(sources)) {
    if (file.endsWith("execa-runner.ts")) continue;
    const out = join(dir, relative(repo, file)).replace(/\.ts$/, ".js");
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
      },
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  writeFileSync(join(dir, "package.json"), '{"type":"module"}\n');
  const path = join(dir, "child.mjs");
  writeFileSync(path, script);
  return path;
}
