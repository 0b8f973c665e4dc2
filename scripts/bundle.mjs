// Bundles the CLI (and the engine it starts) into one ESM file: one file to load makes `berth` start
// several times faster than resolving and compiling a few hundred modules. Built-ins load on first use
// (scripts/lazy-builtins.mjs), so `berth config` does not load those of the engine or the client. Then
// builds a V8 startup snapshot of the same code (scripts/build-snapshot.mjs) that bin/berth starts from.
import { build } from "esbuild";
import { buildSnapshot } from "./build-snapshot.mjs";
import { lazyBuiltins } from "./lazy-builtins.mjs";

await build({
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/cli/berth.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  legalComments: "none",
  banner: { js: "import { createRequire as __berthRequire } from 'node:module'; const require = __berthRequire(import.meta.url);" },
  plugins: [lazyBuiltins()],
  logLevel: "warning",
});

await buildSnapshot();
