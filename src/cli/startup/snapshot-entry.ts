import { pathToFileURL } from "node:url";
import { startupSnapshot } from "node:v8";
// Loaded while the snapshot is built, so a berth started from it finds the YAML parser, the compose
// pipeline and its zod schemas ready, and (after the warm-up run below) their functions compiled.
// This graph may require only built-ins that snapshots support (node:path, node:fs, …): commander and
// the command definitions qualify (their built-ins load on first use, scripts/lazy-builtins.mjs); the
// rest (the engine client over node:http, the engine) is bundled into the snapshot too but initialized
// after it starts, by the commands that use it.
import "../../app/compose-loader.js";
import "../../app/compose-issues.js";
import { warmUpComposeTools, warmUpProgram } from "./warm-up.js";

warmUpComposeTools();
// Settles before the snapshot is taken (microtasks only); a rejection fails the build, as a throw would.
void warmUpProgram();

/** The global that stands for `import.meta.url` in the snapshot bundle (see scripts/build-snapshot.mjs). */
const MODULE_URL_GLOBAL = "__berthModuleUrl";

startupSnapshot.setDeserializeMainFunction(async () => {
  // The launcher runs `node --snapshot-blob berth.blob -- <dist/cli/berth.mjs> args…`, so argv reads as
  // for the plain bundle: code that finds files beside the CLI, or starts it again, sees berth.mjs.
  const script = process.argv[1];
  if (script === undefined) throw new Error("berth snapshot started without the CLI bundle's path");
  Object.assign(globalThis, { [MODULE_URL_GLOBAL]: pathToFileURL(script).href });
  const { runNodeCli } = await import("./run-node-cli.js");
  await runNodeCli();
});
