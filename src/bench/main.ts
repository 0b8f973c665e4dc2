import { join } from "node:path";
import { benchComposeLoad } from "./compose-load.js";
import { benchEngine } from "./engine-bench.js";
import { runningAsRoot } from "./engine-host.js";
import { benchNetwork } from "./network-bench.js";
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

// `node dist/bench/main.js [compose] [engine-latency] [engine-memory] [network]` runs only the named sections
// (e.g. under `node --cpu-prof`); without names, all of them.
const sections = new Set(process.argv.slice(2));
const known = ["compose", "engine-latency", "engine-memory", "network"];
const unknown = [...sections].filter((name) => !known.includes(name));
if (unknown.length > 0)
  throw new Error(`bench: unknown section ${unknown.join(", ")} (known: ${known.join(", ")})`);
const wanted = (name: string) => sections.size === 0 || sections.has(name);

if (wanted("compose")) print("compose loader", await benchComposeLoad(cliPath));

const engineParts = { latency: wanted("engine-latency"), memory: wanted("engine-memory") };
if (!engineParts.latency && !engineParts.memory) {
  // nothing of the engine asked for
} else if (runningAsRoot()) {
  print("engine (busybox `sleep 1000` containers on runc + conmon)", await benchEngine(cliPath, engineParts));
} else {
  console.log(
    "\nengine\n  skipped: the engine section needs root (runc, overlay mounts, cgroups); run it as root",
  );
}

if (wanted("network")) {
  if (runningAsRoot()) print("networks (bridge, veth, netns, nftables DNAT)", await benchNetwork());
  else console.log("\nnetworks\n  skipped: the network section needs root; run it as root");
}
