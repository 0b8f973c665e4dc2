import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliHarness, fixedClock, startCliHarness } from "./cli-harness.js";

let h: CliHarness;
beforeEach(async () => {
  h = await startCliHarness(fixedClock(Date.now() + 3 * 3_600_000));
});
afterEach(async () => {
  await h.close();
});

describe("berth image import, save and load", () => {
  it("imports a rootfs tar from a file under a reference and prints the id", async () => {
    writeFileSync(join(h.fixture.dir, "rootfs.tar"), "x".repeat(2048));
    const run = await h.berth(["image", "import", "rootfs.tar", "mine:v1", "-m", "first"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const image = h.fixture.fake.findImage("mine:v1");
    expect(image.id).toBe(run.stdout.trim());
    expect(image.size).toBe(2048);
  });

  it("imports from stdin with -", async () => {
    const run = await h.berth(["image", "import", "-", "piped"], { stdin: "tarbytes" });
    expect(run.status).toBe(0);
    expect(h.fixture.fake.findImage("piped:latest").size).toBe(8);
  });

  it("names a missing file", async () => {
    const missing = await h.berth(["image", "import", "nope.tar"]);
    expect(missing.stderr).toContain("nope.tar: no such file or directory");
  });

  it("passes every -c/--change to the engine, in order", async () => {
    writeFileSync(join(h.fixture.dir, "r.tar"), "x");
    const args = ["image", "import", "-c", 'CMD ["echo","hi"]', "--change", "ENV A=b", "r.tar", "x:1"];
    const change = await h.berth(args);
    expect(change.stderr).toBe("");
    expect(change.status).toBe(0);
    expect(h.fixture.fake.findImage("x:1").changes).toEqual(['CMD ["echo","hi"]', "ENV A=b"]);
  });

  it("round-trips save -o, rm, load -i", async () => {
    const out = join(h.fixture.dir, "busybox.tar");
    expect((await h.berth(["image", "save", "-o", out, "busybox"])).status).toBe(0);
    expect(readFileSync(out, "utf8")).toBe("image busybox:latest\n");
    const rm = await h.berth(["image", "rm", "busybox"]);
    expect(rm.stdout).toMatch(/^Untagged: busybox:latest\nDeleted: sha256:[0-9a-f]{64}\n$/);
    const load = await h.berth(["image", "load", "-i", out]);
    expect(load).toMatchObject({ status: 0, stdout: "Loaded image: busybox:latest\n" });
    expect(h.fixture.fake.findImage("busybox").tags).toEqual(["busybox:latest"]);
  });

  it("load reads stdin, and refuses a terminal", async () => {
    const load = await h.berth(["image", "load", "-q"], { stdin: "image piped:1\n" });
    expect(load.stdout).toBe("Loaded image: piped:1\n");
    const tty = await h.berth(["image", "load"], { stdinIsTTY: true });
    expect(tty.status).not.toBe(0);
    expect(tty.stderr).toContain("stdin is a terminal");
  });

  it("save writes the tar to stdout, but never to a terminal", async () => {
    const piped = await h.berth(["image", "save", "busybox"]);
    expect(piped.stdoutBytes.toString()).toBe("image busybox:latest\n");
    const tty = await h.berth(["image", "save", "busybox"], { stdoutIsTTY: true });
    expect(tty.status).not.toBe(0);
    expect(tty.stderr).toContain("cowardly refusing to save to a terminal");
  });

  it("save of a missing image fails and leaves no file", async () => {
    const out = join(h.fixture.dir, "none.tar");
    const run = await h.berth(["image", "save", "-o", out, "nope"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("No such image: nope");
    expect(existsSync(out)).toBe(false);
  });
});

describe("berth image ls, inspect, tag, rm, prune", () => {
  it("ls prints docker's table; --digests adds a column; -q the ids", async () => {
    const id = h.fixture.fake.findImage("busybox").id;
    const ls = await h.berth(["image", "ls"]);
    expect(ls.stdout).toBe(
      `REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\nbusybox      latest    ${id.slice(7, 19)}   3 hours ago   1.02kB\n`,
    );
    expect((await h.berth(["image", "ls", "--digests"])).stdout.split("\n")[0]).toMatch(
      /^REPOSITORY {3}TAG {7}DIGEST {4}IMAGE ID/,
    );
    expect((await h.berth(["image", "ls", "-q"])).stdout).toBe(`${id.slice(7, 19)}\n`);
    expect((await h.berth(["image", "ls", "-q", "--no-trunc"])).stdout).toBe(`${id}\n`);
  });

  it("ls --format json and templates", async () => {
    const json = await h.berth(["image", "ls", "--format", "json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ Repository: "busybox", Tag: "latest", Size: "1.02kB" });
    const template = await h.berth(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"]);
    expect(template.stdout).toBe("busybox:latest\n");
  });

  it("tag adds a reference; rm of one of two references only untags", async () => {
    expect((await h.berth(["image", "tag", "busybox", "registry.local:5000/tools/bb:1.0"])).status).toBe(0);
    expect(h.fixture.fake.findImage("busybox").tags).toContain("registry.local:5000/tools/bb:1.0");
    const rm = await h.berth(["image", "rm", "registry.local:5000/tools/bb:1.0"]);
    expect(rm.stdout).toBe("Untagged: registry.local:5000/tools/bb:1.0\n");
  });

  it("inspect prints a JSON array, -f a template; unknown images fail with exit 1", async () => {
    const inspect = await h.berth(["image", "inspect", "busybox"]);
    expect((JSON.parse(inspect.stdout) as { RepoTags: string[] }[])[0]?.RepoTags).toEqual(["busybox:latest"]);
    const format = await h.berth([
      "image",
      "inspect",
      "-f",
      "{{index .RepoTags 0}} {{json .Config.Cmd}}",
      "busybox",
    ]);
    expect(format.stdout).toBe('busybox:latest ["sh"]\n');
    const missing = await h.berth(["image", "inspect", "nope"]);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe("[]\n");
    expect(missing.stderr).toContain("No such image: nope");
  });

  it("rm refuses an image a container uses unless -f", async () => {
    await h.berth(["container", "create", "busybox"]);
    const refused = await h.berth(["image", "rm", "busybox"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("must force");
    expect((await h.berth(["image", "rm", "-f", "busybox"])).status).toBe(0);
  });

  it("prune needs -f when stdin is not a terminal", async () => {
    const run = await h.berth(["image", "prune"]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("use -f/--force");
  });

  it("prune asks on a terminal and stops on no", async () => {
    const dangling = h.fixture.fake.addImage("old:1");
    dangling.tags = [];
    const no = await h.berth(["image", "prune"], { stdinIsTTY: true, answer: "n" });
    expect(no).toMatchObject({ status: 0, stdout: "" });
    expect(no.stderr).toContain(
      "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ",
    );
    expect(h.fixture.fake.images.has(dangling.id)).toBe(true);
    const yes = await h.berth(["image", "prune"], { stdinIsTTY: true, answer: "y" });
    expect(yes.stdout).toBe(`Deleted Images:\ndeleted: ${dangling.id}\n\nTotal reclaimed space: 1.02kB\n`);
  });

  it("prune -f with nothing to do reports 0B", async () => {
    expect((await h.berth(["image", "prune", "-a", "-f"])).stdout).toBe("Total reclaimed space: 0B\n");
  });
});
