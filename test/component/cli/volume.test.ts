import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliHarness, fixedClock, startCliHarness } from "./cli-harness.js";

let h: CliHarness;
beforeEach(async () => {
  h = await startCliHarness(fixedClock(Date.now()));
});
afterEach(async () => {
  await h.close();
});

describe("berth volume", () => {
  it("create prints the name; labels and options reach the engine; a second create is no error", async () => {
    const made = await h.berth([
      "volume",
      "create",
      "--label",
      "app=web",
      "-o",
      "type=tmpfs",
      "--opt",
      "device=tmpfs",
      "data",
    ]);
    expect(made).toMatchObject({ status: 0, stdout: "data\n", stderr: "" });
    expect(h.fixture.fake.volumes.get("data")).toMatchObject({
      driver: "local",
      labels: { app: "web" },
      options: { type: "tmpfs", device: "tmpfs" },
    });
    expect((await h.berth(["volume", "create", "--name", "data"])).stdout).toBe("data\n");
    const unnamed = await h.berth(["volume", "create"]);
    expect(unnamed.stdout).toMatch(/^\S+\n$/);
  });

  it("create refuses another driver, bad options and names (exit 1, the engine's message)", async () => {
    const driver = await h.berth(["volume", "create", "-d", "nfs", "x1"]);
    expect(driver.status).toBe(1);
    expect(driver.stderr).toContain("volume driver nfs not supported");
    expect((await h.berth(["volume", "create", "-o", "bogus=1", "x2"])).stderr).toContain(
      'invalid option key: "bogus"',
    );
    expect((await h.berth(["volume", "create", "-o", "novalue", "x3"])).stderr).toContain(
      'for "-o, --opt" flag',
    );
    expect((await h.berth(["volume", "create", "a/b"])).stderr).toContain("includes invalid characters");
    expect((await h.berth(["volume", "create", "--name", "a1", "b1"])).stderr).toContain(
      "conflicting options",
    );
    expect(h.fixture.fake.volumes.size).toBe(0);
  });

  it("ls: docker's table, -q, --format json and templates, filters", async () => {
    await h.berth(["volume", "create", "--label", "tier=db", "alpha"]);
    await h.berth(["volume", "create", "beta"]);
    expect((await h.berth(["volume", "ls"])).stdout).toBe(
      "DRIVER    VOLUME NAME\nlocal     alpha\nlocal     beta\n",
    );
    expect((await h.berth(["volume", "ls", "-q"])).stdout).toBe("alpha\nbeta\n");
    expect((await h.berth(["volume", "ls", "-f", "label=tier=db", "-q"])).stdout).toBe("alpha\n");
    expect(
      (await h.berth(["volume", "ls", "--filter", "name=et", "--format", "{{.Name}} {{.Scope}}"])).stdout,
    ).toBe("beta local\n");
    expect((await h.berth(["volume", "ls", "--format", "table {{.Name}}\t{{.Labels}}"])).stdout).toBe(
      "VOLUME NAME   LABELS\nalpha         tier=db\nbeta\n",
    );
    const json = (await h.berth(["volume", "ls", "--format", "json", "-f", "name=alpha"])).stdout;
    expect(JSON.parse(json)).toEqual({
      Availability: "N/A",
      Driver: "local",
      Group: "N/A",
      Labels: "tier=db",
      Links: "N/A",
      Mountpoint: "/fake/volumes/alpha/_data",
      Name: "alpha",
      Scope: "local",
      Size: "N/A",
      Status: "N/A",
    });
    const bad = await h.berth(["volume", "ls", "-f", "color=red"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("invalid filter 'color'");
  });

  it("inspect: a JSON array, --format, and a failure per missing name (exit 1)", async () => {
    await h.berth(["volume", "create", "one"]);
    const run = await h.berth(["volume", "inspect", "one"]);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ Name: "one", Driver: "local", Scope: "local" }),
    ]);
    expect(run.stdout.startsWith("[\n    {\n")).toBe(true);
    expect((await h.berth(["volume", "inspect", "-f", "{{.Mountpoint}}", "one"])).stdout).toBe(
      "/fake/volumes/one/_data\n",
    );
    const missing = await h.berth(["volume", "inspect", "one", "nope"]);
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout)).toHaveLength(1);
    expect(missing.stderr).toContain("get nope: no such volume");
  });

  it("rm prints each removed name; in use is refused even with -f; -f forgives missing ones", async () => {
    await h.berth(["volume", "create", "free"]);
    await h.berth(["volume", "create", "busy"]);
    await h.fixture.fake.createContainer({ Image: "busybox", HostConfig: { Binds: ["busy:/b"] } }, "user");
    const run = await h.berth(["volume", "rm", "free", "busy", "ghost"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("free\n");
    expect(run.stderr).toContain("remove busy: volume is in use - [");
    expect(run.stderr).toContain("get ghost: no such volume");
    const forced = await h.berth(["volume", "rm", "-f", "busy", "ghost"]);
    expect(forced.status).toBe(1);
    expect(forced.stdout).toBe("ghost\n");
    expect(forced.stderr).toContain("volume is in use");
    expect([...h.fixture.fake.volumes.keys()]).toEqual(["busy"]);
  });

  it("prune asks first (no → nothing), -f prunes anonymous ones, -a all unused, reports bytes", async () => {
    await h.berth(["volume", "create", "named"]);
    await h.berth(["volume", "create", "--label", "com.docker.volume.anonymous=", "anon1"]);
    const anon = h.fixture.fake.volumes.get("anon1");
    if (anon) anon.size = 2500;
    const asked = await h.berth(["volume", "prune"], { stdin: "n\n" });
    expect(asked.stdout).toBe(
      "WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ",
    );
    expect(h.fixture.fake.volumes.size).toBe(2);
    const yes = await h.berth(["volume", "prune"], { stdin: "y\n" });
    expect(yes.stdout).toContain("Deleted Volumes:\nanon1\n\nTotal reclaimed space: 2.5kB\n");
    const none = await h.berth(["volume", "prune", "-f"]);
    expect(none.stdout).toBe("Total reclaimed space: 0B\n");
    const all = await h.berth(["volume", "prune", "-a", "-f", "--filter", "label!=keep"]);
    expect(all.stdout).toBe("Deleted Volumes:\nnamed\n\nTotal reclaimed space: 0B\n");
    expect(h.fixture.fake.volumes.size).toBe(0);
    const tty = await h.berth(["volume", "prune", "-a"], { stdinIsTTY: true, answer: "y" });
    expect(tty.stderr).toContain(
      "WARNING! This will remove all local volumes not used by at least one container.",
    );
  });
});
