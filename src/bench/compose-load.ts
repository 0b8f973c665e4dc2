import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadProject } from "../compose/load/load-project.js";
import { execaRunner } from "../platform/execa-runner.js";
import { nodeLoaderHost } from "../platform/node-loader-host.js";
import { generateProject } from "./generate-project.js";
import { type BenchRow, median, ms } from "./stats.js";

const SERVICES = 500;
const RUNS = 15;

/**
 * Loads a generated 500-service project (3 files, extends, anchors, interpolation) in process and as
 * `berth config`: through bin/berth as users run it (from the startup snapshot when there is one) and
 * through the plain bundle `cliPath`.
 */
export async function benchComposeLoad(cliPath: string): Promise<BenchRow[]> {
  const launcher = join(dirname(cliPath), "..", "..", "bin", "berth");
  const dir = mkdtempSync(join(tmpdir(), "berth-bench-"));
  try {
    for (const [name, text] of Object.entries(generateProject(SERVICES)))
      writeFileSync(join(dir, name), text);
    const environment = { REGION: "eu", TAG: "1.0" };
    const host = nodeLoaderHost();
    const load = () => loadProject({ files: [], cwd: dir, environment }, host);

    const coldStart = performance.now();
    const project = load().project;
    const cold = performance.now() - coldStart;
    if (Object.keys(project.services).length !== SERVICES)
      throw new Error("bench project did not load fully");
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      load();
      warm.push(performance.now() - start);
    }

    const runner = execaRunner();
    const env = { ...process.env, ...environment } as Record<string, string>;
    const timeCommand = async (argv: string[]): Promise<number> => {
      const start = performance.now();
      const result = await runner.run(argv, { cwd: dir, env });
      if (result.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${result.stderr}`);
      return performance.now() - start;
    };
    const nodeFloor: number[] = [];
    const config: number[] = [];
    const plainConfig: number[] = [];
    for (let i = 0; i < 7; i++) {
      nodeFloor.push(await timeCommand([process.execPath, "-e", ""]));
      config.push(await timeCommand([launcher, "config", "-q"]));
      plainConfig.push(await timeCommand([process.execPath, cliPath, "config", "-q"]));
    }
    const floor = median(nodeFloor);
    const process500 = median(config);
    const plain500 = median(plainConfig);
    return [
      { name: `compose load, ${SERVICES} services, first (cold)`, value: ms(cold), note: "target < 300 ms" },
      { name: `compose load, ${SERVICES} services, median of ${RUNS} warm`, value: ms(median(warm)) },
      { name: "node process floor (node -e '')", value: ms(floor) },
      {
        name: `berth config -q process, ${SERVICES} services`,
        value: ms(process500),
        note: `target < 400 ms; ${(process500 / floor).toFixed(1)}x the bare node floor`,
      },
      {
        name: `  the same from the plain bundle (no snapshot)`,
        value: ms(plain500),
        note: `${(plain500 / floor).toFixed(1)}x the bare node floor`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
