import { join } from "node:path";
import { benchComposeLoad } from "./compose-load.js";
import { benchEngine } from "./engine-bench.js";
import { runningAsRoot } from "./engine-host.js";
import type { BenchRow } from "./stats.js";

// `npm run bench`: speed is measured here, never asserted in tests. Ratios compare against floors
// measured in the same run (bare node start; raw runc create+start).
const cliPath = join(import.meta.dirname, "..", "cli", "berth.mjs");

function print(title: string, rows: BenchRow[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows)
    console.log(`  ${row.name.padEnd(width)}  ${row.value.padStart(10)}${row.note ? `  (${row.note})` : ""}`);
}

print("compose loader", await benchComposeLoad(cliPath));

if (runningAsRoot()) {
  print("engine (busybox `sleep 1000` containers on runc + conmon)", await benchEngine(cliPath));
} else {
  console.log(
    "\nengine\n  skipped: the engine section needs root (runc, overlay mounts, cgroups); run it as root",
  );
}
