// The V8 startup snapshot of berth: dist/cli/berth.blob holds the CLI bundle already compiled and the
// compose pipeline (YAML parser, zod schemas) already built, so `berth config` skips that work. Node 20
// builds it from one CommonJS script that may require only built-ins (src/cli/startup/snapshot-entry.ts
// bundled); bin/berth starts from it only with the very node binary that built it (berth.blob.node).
import { spawnSync } from "node:child_process";
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { build } from "esbuild";
import { lazyBuiltins } from "./lazy-builtins.mjs";

const outDir = resolve("dist/cli");
const script = resolve(outDir, "berth-snapshot.cjs");
const blob = resolve(outDir, "berth.blob");
const stamp = resolve(outDir, "berth.blob.node");

/** dev:ino:size:mtime:ctime of a file (seconds), as `stat -L -c '%d:%i:%s:%Y:%Z'` prints it in bin/berth. */
export function fileFingerprint(path) {
  const stat = statSync(path, { bigint: true });
  const seconds = (ns) => ns / 1_000_000_000n;
  return [stat.dev, stat.ino, stat.size, seconds(stat.mtimeNs), seconds(stat.ctimeNs)].join(":");
}

/** A temporary name beside `path`; renaming it over `path` replaces the file whole (builds may overlap). */
function temporary(path) {
  return `${path}.${process.pid}.tmp`;
}

/** Bundles the snapshot entry as CommonJS (import.meta.url becomes a global the entry sets at start). */
async function bundleSnapshotScript() {
  const result = await build({
    entryPoints: ["src/cli/startup/snapshot-entry.ts"],
    outfile: temporary(script),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify: true,
    legalComments: "none",
    define: { "import.meta.url": "globalThis.__berthModuleUrl" },
    // The same lazy built-ins as the plain bundle: what runs after deserialisation loads only what it uses.
    plugins: [lazyBuiltins()],
    logLevel: "silent",
  });
  // A warning here (import.meta left empty, a require that cannot resolve) would break the snapshot quietly.
  if (result.warnings.length > 0) {
    const text = result.warnings.map((warning) => warning.text).join("\n");
    throw new Error(`snapshot bundle has warnings:\n${text}`);
  }
  renameSync(temporary(script), script);
}

/** Runs `node --build-snapshot` on the bundled entry, writing the blob to `output`. */
function writeBlob(output) {
  const env = { ...process.env };
  // V8 flags in NODE_OPTIONS would be baked into the blob; bin/berth never uses it under NODE_OPTIONS.
  delete env.NODE_OPTIONS;
  const result = spawnSync(process.execPath, ["--snapshot-blob", output, "--build-snapshot", script], {
    cwd: outDir,
    env,
    encoding: "utf8",
  });
  if (result.status !== 0)
    throw new Error(`node --build-snapshot exited ${result.status ?? result.signal}:\n${result.stderr}`);
}

/**
 * Builds dist/cli/berth.blob and its stamp (the building node's fingerprint, version and path). A failure
 * leaves neither file, so bin/berth runs the plain bundle; it is reported, not fatal to the build.
 */
export async function buildSnapshot() {
  try {
    await bundleSnapshotScript();
    writeBlob(temporary(blob));
    renameSync(temporary(blob), blob);
    const node = realpathSync(process.execPath);
    writeFileSync(temporary(stamp), `${fileFingerprint(node)}\n${process.version}\n${node}\n`);
    renameSync(temporary(stamp), stamp);
  } catch (error) {
    for (const file of [stamp, blob, temporary(stamp), temporary(blob), temporary(script)])
      rmSync(file, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`berth: no startup snapshot, bin/berth will run the plain bundle: ${reason}`);
  }
}
