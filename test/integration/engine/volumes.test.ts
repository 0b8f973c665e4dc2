import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBusyboxRootfs } from "../../support/busybox-image.js";
import { type EngineEnv, engineEnv } from "./harness.js";

const run = promisify(execFile);

/** The busybox rootfs plus /data (0750, owned by 1000:1000) with seed.txt, a symlink and a subdir. */
async function seededTar(dir: string): Promise<Buffer> {
  const tar = join(dir, "seeded.tar");
  await makeBusyboxRootfs(tar);
  const extra = join(dir, "extra");
  mkdirSync(join(extra, "data", "sub"), { recursive: true });
  writeFileSync(join(extra, "data", "seed.txt"), "seed\n");
  writeFileSync(join(extra, "data", "sub", "deep.txt"), "deep\n");
  symlinkSync("seed.txt", join(extra, "data", "link"));
  await run("tar", [
    "-rf",
    tar,
    "-C",
    extra,
    "--owner=1000",
    "--group=1000",
    "--mode=u+rw,g+r,o-rwx",
    "data",
  ]);
  return readFileSync(tar);
}

describe("volumes on a real engine (runc + conmon)", () => {
  let env: EngineEnv;
  let scratch: string;
  beforeAll(async () => {
    env = await engineEnv();
    scratch = mkdtempSync(join(tmpdir(), "berth-vol-"));
    const tar = await seededTar(scratch);
    const seeded = new URLSearchParams({ fromSrc: "-", repo: "seeded", tag: "latest" });
    seeded.append("changes", 'CMD ["sh"]');
    await env.api.ok("POST", `/images/create?${seeded}`, tar);
    const declared = new URLSearchParams({ fromSrc: "-", repo: "declared", tag: "latest" });
    declared.append("changes", 'CMD ["sh"]');
    declared.append("changes", "VOLUME /data");
    await env.api.ok("POST", `/images/create?${declared}`, tar);
  }, 180_000);
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await env?.finish();
  }, 180_000);

  const sh = (
    name: string,
    script: string,
    host: Record<string, unknown> = {},
    extra: Record<string, unknown> = {},
  ) => env.api.run(name, { Cmd: ["sh", "-c", script], HostConfig: host, ...extra });
  const remove = (name: string, v = false) =>
    env.api.ok("DELETE", `/containers/${name}?force=1${v ? "&v=1" : ""}`);
  const volumeDir = (name: string) => join(env.location.root, "volumes", name, "_data");

  it("a named volume keeps its data across container re-creation", async () => {
    expect((await sh("keep1", "echo kept > /v/f", { Binds: ["keep:/v"] })).code).toBe(0);
    await remove("keep1", true);
    expect((await sh("keep2", "cat /v/f", { Binds: ["keep:/v"] })).stdout).toBe("kept\n");
    await remove("keep2", true);
    expect(readFileSync(join(volumeDir("keep"), "f"), "utf8")).toBe("kept\n");
  });

  it("a new volume is filled from the image (content, owner, mode, symlink) and never re-filled", async () => {
    const first = await sh(
      "fill1",
      "cat /data/seed.txt /data/sub/deep.txt; readlink /data/link; stat -c '%u:%g %a' /data /data/seed.txt; rm /data/seed.txt; echo mine > /data/mine",
      { Binds: ["pre:/data"] },
      { Image: "seeded" },
    );
    expect(first).toEqual({
      code: 0,
      stdout: "seed\ndeep\nseed.txt\n1000:1000 750\n1000:1000 640\n",
      stderr: "",
    });
    expect(statSync(volumeDir("pre")).uid).toBe(1000);
    const second = await sh(
      "fill2",
      "ls /data | sort | tr '\\n' ' '",
      { Binds: ["pre:/data"] },
      { Image: "seeded" },
    );
    expect(second.stdout).toBe("link mine sub ");
    await remove("fill1");
    await remove("fill2");
  });

  it("nocopy (bind option and VolumeOptions.NoCopy) leaves a new volume empty", async () => {
    const short = await sh(
      "nc1",
      "ls -A /data | wc -l",
      { Binds: ["nc1:/data:nocopy"] },
      { Image: "seeded" },
    );
    const long = await sh(
      "nc2",
      "ls -A /data | wc -l",
      { Mounts: [{ Type: "volume", Source: "nc2", Target: "/data", VolumeOptions: { NoCopy: true } }] },
      { Image: "seeded" },
    );
    expect([short.stdout.trim(), long.stdout.trim()]).toEqual(["0", "0"]);
    await remove("nc1");
    await remove("nc2");
  });

  it("anonymous volumes (Config.Volumes, image VOLUME) are filled and removed with rm -v", async () => {
    const id = await env.api.create("anon", {
      Image: "declared",
      Volumes: { "/scratch": {} },
      Cmd: ["cat", "/data/seed.txt"],
    });
    await env.api.ok("POST", `/containers/${id}/start`);
    await env.api.ok("POST", `/containers/${id}/wait`);
    expect((await env.api.logs(id)).stdout).toBe("seed\n");
    const mounts = (
      await env.api.ok<{ Mounts: { Name: string; Destination: string }[] }>("GET", `/containers/${id}/json`)
    ).Mounts;
    expect(mounts.map((m) => m.Destination).sort()).toEqual(["/data", "/scratch"]);
    const names = mounts.map((m) => m.Name);
    for (const name of names) expect(existsSync(volumeDir(name))).toBe(true);
    await remove("anon", true);
    for (const name of names) expect(existsSync(join(env.location.root, "volumes", name))).toBe(false);
  });

  it("DELETE /volumes/{name} is refused while a container uses it (even stopped, even forced), then works", async () => {
    const id = await env.api.create("user", { Cmd: ["true"], HostConfig: { Binds: ["busy:/b"] } });
    for (const query of ["", "?force=1"]) {
      const answer = await env.api.call("DELETE", `/volumes/busy${query}`);
      expect(answer.status).toBe(409);
      expect(answer.json).toEqual({ message: `remove busy: volume is in use - [${id}]` });
    }
    await remove("user");
    expect((await env.api.call("DELETE", "/volumes/busy")).status).toBe(204);
    expect((await env.api.call("GET", "/volumes/busy")).status).toBe(404);
  });

  it("create, list, inspect and prune over the API (SpaceReclaimed in bytes)", async () => {
    const created = await env.api.call("POST", "/volumes/create", {
      Name: "junk",
      Labels: { purpose: "test" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      Name: "junk",
      Driver: "local",
      Mountpoint: volumeDir("junk"),
      Scope: "local",
    });
    writeFileSync(join(volumeDir("junk"), "blob"), Buffer.alloc(4096));
    const listed = await env.api.ok<{ Volumes: { Name: string }[] }>(
      "GET",
      `/volumes?filters=${encodeURIComponent('{"label":["purpose=test"]}')}`,
    );
    expect(listed.Volumes.map((v) => v.Name)).toEqual(["junk"]);
    const pruned = await env.api.ok(
      "POST",
      `/volumes/prune?filters=${encodeURIComponent('{"all":["true"],"label":["purpose"]}')}`,
    );
    expect(pruned).toEqual({ VolumesDeleted: ["junk"], SpaceReclaimed: 4096 });
    expect((await env.api.call("POST", "/volumes/create", { Name: "x", Driver: "nfs" })).status).toBe(400);
    expect((await env.api.call("GET", "/volumes?filters=%7B%22bogus%22%3A%5B%22x%22%5D%7D")).status).toBe(
      400,
    );
  });

  it("bind mounts: the short syntax creates a missing host dir; Mounts with a missing source is a 400", async () => {
    const made = join(scratch, "made", "here");
    expect((await sh("mkbind", "echo hi > /m/f", { Binds: [`${made}:/m`] })).code).toBe(0);
    expect(readFileSync(join(made, "f"), "utf8")).toBe("hi\n");
    await remove("mkbind");
    const missing = join(scratch, "missing");
    const answer = await env.api.call("POST", "/containers/create?name=nobind", {
      Image: "busybox",
      HostConfig: { Mounts: [{ Type: "bind", Source: missing, Target: "/m" }] },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      message: `invalid mount config for type "bind": bind source path does not exist: ${missing}`,
    });
    expect(existsSync(missing)).toBe(false);
  });

  it("VolumesFrom shares the other container's volume and binds; :ro makes them read-only", async () => {
    const dir = join(scratch, "from");
    mkdirSync(dir);
    await env.api.create("origin", {
      Cmd: ["true"],
      HostConfig: { Binds: ["shared:/shared", `${dir}:/host`] },
    });
    const rw = await sh("from-rw", "echo via > /shared/f; echo h > /host/h; cat /shared/f", {
      VolumesFrom: ["origin"],
    });
    expect(rw.stdout).toBe("via\n");
    expect(readFileSync(join(dir, "h"), "utf8")).toBe("h\n");
    const ro = await sh("from-ro", "cat /shared/f; touch /shared/g 2>/dev/null || echo ro", {
      VolumesFrom: ["origin:ro"],
    });
    expect(ro.stdout).toBe("via\nro\n");
    for (const name of ["origin", "from-rw", "from-ro"]) await remove(name);
  });

  it("a bind-device volume (type=none,o=bind) keeps its data in the host directory; tmpfs volumes are tmpfs", async () => {
    const device = join(scratch, "device");
    mkdirSync(device);
    await env.api.ok("POST", "/volumes/create", {
      Name: "dev",
      DriverOpts: { type: "none", o: "bind", device },
    });
    expect((await sh("dev", "echo dev > /d/f", { Binds: ["dev:/d"] })).code).toBe(0);
    expect(readFileSync(join(device, "f"), "utf8")).toBe("dev\n");
    await env.api.ok("POST", "/volumes/create", {
      Name: "mem",
      DriverOpts: { type: "tmpfs", device: "tmpfs", o: "size=1m" },
    });
    const tmp = await sh("mem", "grep ' /t ' /proc/mounts | cut -d' ' -f1,3", { Binds: ["mem:/t"] });
    expect(tmp.stdout).toBe("tmpfs tmpfs\n");
    for (const name of ["dev", "mem"]) await remove(name);
    expect((await env.api.call("DELETE", "/volumes/dev")).status).toBe(204);
    expect(readdirSync(device)).toEqual(["f"]);
  });
});
