// Bundles the CLI (and the engine it starts) into one ESM file: one file to load makes `berth` start
// several times faster than resolving and compiling a few hundred modules. Then builds a V8 startup
// snapshot of the same code (scripts/build-snapshot.mjs) that bin/berth starts from when it can.
import { build } from "esbuild";
import { buildSnapshot } from "./build-snapshot.mjs";

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
  logLevel: "warning",
});

await buildSnapshot();
