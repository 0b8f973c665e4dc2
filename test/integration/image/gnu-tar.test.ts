import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LayerStore } from "../../../src/image/layer/layer-store.js";
import { commandSpecialFiles } from "../../../src/image/layer/special-files.js";
import { requestFor, scratch, sh, testRunner } from "./helpers.js";

let env: Awaited<ReturnType<typeof scratch>>;
let store: LayerStore;

beforeEach(async () => {
  env = await scratch();
  store = new LayerStore({ root: join(env.dir, "root"), specials: commandSpecialFiles(testRunner) });
});
afterEach(async () => {
  await env.cleanup();
});

/** One line per path: type, mode, owner, mtime, link target, xattrs are compared separately. */
async function tree(dir: string): Promise<string> {
  const out = await sh("find", dir, "-mindepth", "1", "-printf", "%P %y %m %U:%G %T@ %l\\n");
  return out.split("\n").sort().join("\n");
}

const build = `
set -e
cd "$1"
mkdir -p src/dir/${"x".repeat(90)}/${"y".repeat(90)} src/empty
printf hello > src/dir/file
printf long > src/dir/${"x".repeat(90)}/${"y".repeat(90)}/${"z".repeat(120)}
ln -s file src/dir/sym
ln -s ../${"x".repeat(110)}/nowhere src/dir/longsym
ln src/dir/file src/dir/hard
mkfifo -m 640 src/dir/pipe
chmod 4711 src/dir/file
chown 1234:5678 src/dir/hard
setfattr -n user.note -v "from gnu tar" src/dir/file
find src -exec touch -h -d @1600000000 {} +
`;

describe("tars written by GNU tar", () => {
  it.each([
    ["gnu", ["--format=gnu"]],
    ["pax with xattrs, gzipped", ["--format=pax", "--xattrs", "-z"]],
  ])("unpacks %s exactly like the source tree", async (_label, flags) => {
    await sh("sh", "-c", build, "sh", env.dir);
    const archive = join(env.dir, "layer.tar");
    await sh("tar", ...flags, "--numeric-owner", "-C", join(env.dir, "src"), "-cf", archive, ".");
    const bytes = await readFile(archive);
    const plain = flags.includes("-z") ? await import("node:zlib").then((z) => z.gunzipSync(bytes)) : bytes;
    const request = requestFor(plain);
    const layer = await store.ensure({
      ...request,
      open: async function* () {
        yield bytes;
      },
    });
    const expected = await tree(join(env.dir, "src"));
    expect(expected.split("\n")).toHaveLength(11);
    expect(expected).toContain("dir/pipe p 640 0:0 1600000000.0000000000 ");
    expect(await tree(layer.path)).toBe(expected);
    if (flags.includes("--xattrs")) {
      expect(await sh("getfattr", "--only-values", "-n", "user.note", join(layer.path, "dir/file"))).toBe(
        "from gnu tar",
      );
    }
  });
});
