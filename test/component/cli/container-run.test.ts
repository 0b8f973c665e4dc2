import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliHarness, startCliHarness } from "./cli-harness.js";

let h: CliHarness;
beforeEach(async () => {
  h = await startCliHarness();
});
afterEach(async () => {
  await h.close();
});

describe("berth container run", () => {
  it("streams the logs in the foreground and exits 0", async () => {
    const run = await h.berth(["container", "run", "busybox", "echo", "hello", "world"]);
    expect(run).toMatchObject({ status: 0, stdout: "hello world\n", stderr: "" });
  });

  it("exits with the container's exit code and puts its stderr on stderr", async () => {
    const run = await h.berth(["container", "run", "busybox", "fail", "3"]);
    expect(run).toMatchObject({ status: 3, stdout: "", stderr: "failing\n" });
  });

  it("follows a long-running container to its end and returns its code", async () => {
    const fake = h.fixture.fake;
    const running = h.berth(["container", "run", "--name", "long", "busybox", "sleep", "60"]);
    const poll = setInterval(() => {
      const container = [...fake.containers.values()].find((c) => c.name === "long");
      if (container?.status !== "running") return;
      clearInterval(poll);
      fake.writeLog(container, "stdout", "first\n");
      fake.writeLog(container, "stderr", "warn\n");
      fake.exit(container, 7);
    }, 10);
    const run = await running;
    clearInterval(poll);
    expect(run).toMatchObject({ status: 7, stdout: "first\n", stderr: "warn\n" });
  });

  it("forwards SIGINT to the foreground container (kill with that signal) and exits with its code", async () => {
    const fake = h.fixture.fake;
    const listeners = process.listenerCount("SIGINT");
    const running = h.berth(["container", "run", "--name", "proxied", "busybox", "sleep", "60"]);
    const poll = setInterval(() => {
      if (fake.containers.size > 0 && fake.container("proxied").status === "running") {
        clearInterval(poll);
        process.emit("SIGINT", "SIGINT");
      }
    }, 10);
    const run = await running;
    clearInterval(poll);
    expect(run.status).toBe(137);
    const kills = fake.eventLog.filter((e) => e.Action === "kill").map((e) => e.Actor.Attributes.signal);
    expect(kills).toEqual(["SIGINT"]);
    expect(process.listenerCount("SIGINT"), "the CLI stops forwarding once the run ends").toBe(listeners);
  });

  it("stops reading options at the image, like docker", async () => {
    const run = await h.berth(["container", "run", "--name", "e", "busybox", "echo", "-f", "-n", "x"]);
    expect(run).toMatchObject({ status: 0, stdout: "-f -n x\n" });
    expect(h.fixture.fake.container("e").body.Cmd).toEqual(["echo", "-f", "-n", "x"]);
  });

  it("--rm removes the container after it ends", async () => {
    const run = await h.berth(["container", "run", "--rm", "--name", "gone", "busybox", "fail", "2"]);
    expect(run.status).toBe(2);
    expect([...h.fixture.fake.containers.values()].map((c) => c.name)).not.toContain("gone");
  });

  it("-d prints the full id and leaves the container running; --rm becomes AutoRemove", async () => {
    const run = await h.berth(["container", "run", "-d", "--rm", "busybox", "sleep", "60"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const container = h.fixture.fake.container(run.stdout.trim());
    expect(container.status).toBe("running");
    expect(container.body.HostConfig?.AutoRemove).toBe(true);
  });

  it("turns the flags into Docker's create body", async () => {
    const envFile = join(h.fixture.dir, "app.env");
    writeFileSync(envFile, "# comment\nFROM_FILE=1\n\nPASSED\n");
    const run = await h.berth(
      [
        "container",
        "run",
        "-d",
        "--name",
        "web",
        "-e",
        "A=1",
        "-e",
        "HOME_SET",
        "--env-file",
        envFile,
        "-u",
        "1000:1000",
        "-w",
        "/srv",
        "--entrypoint",
        "/bin/sh",
        "--init",
        "--read-only",
        "--tmpfs",
        "/run:size=64m",
        "-v",
        "/host:/data:ro",
        "-v",
        "/anon",
        "--mount",
        "type=tmpfs,target=/cache,tmpfs-size=1m",
        "-l",
        "tier=web",
        "-m",
        "512m",
        "--memory-swap",
        "-1",
        "--cpus",
        "1.5",
        "--cpu-shares",
        "512",
        "--pids-limit",
        "100",
        "--restart",
        "on-failure:3",
        "--health-cmd",
        "true",
        "--health-interval",
        "5s",
        "--health-timeout",
        "1s",
        "--health-retries",
        "2",
        "--health-start-period",
        "1m",
        "--stop-signal",
        "SIGINT",
        "--stop-timeout",
        "5",
        "--cap-add",
        "NET_ADMIN",
        "--cap-drop",
        "ALL",
        "--security-opt",
        "no-new-privileges",
        "--ulimit",
        "nofile=1024:2048",
        "--sysctl",
        "net.core.somaxconn=1024",
        "--shm-size",
        "64m",
        "--hostname",
        "box",
        "--network",
        "none",
        "busybox",
        "-c",
        "sleep 60",
      ],
      { env: { HOME_SET: "yes", PASSED: "p" } },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const body = h.fixture.fake.container("web").body;
    expect(body).toMatchObject({
      Image: "busybox",
      Cmd: ["-c", "sleep 60"],
      Entrypoint: ["/bin/sh"],
      Env: ["FROM_FILE=1", "PASSED=p", "A=1", "HOME_SET=yes"],
      User: "1000:1000",
      WorkingDir: "/srv",
      Hostname: "box",
      Labels: { tier: "web" },
      Volumes: { "/anon": {} },
      Healthcheck: {
        Test: ["CMD-SHELL", "true"],
        Interval: 5e9,
        Timeout: 1e9,
        Retries: 2,
        StartPeriod: 60e9,
      },
      StopSignal: "SIGINT",
      StopTimeout: 5,
    });
    expect(body.HostConfig).toMatchObject({
      Binds: ["/host:/data:ro"],
      Mounts: [{ Type: "tmpfs", Target: "/cache", TmpfsOptions: { SizeBytes: 1024 * 1024 } }],
      Tmpfs: { "/run": "size=64m" },
      Init: true,
      ReadonlyRootfs: true,
      Memory: 512 * 1024 * 1024,
      MemorySwap: -1,
      NanoCpus: 1.5e9,
      CpuShares: 512,
      PidsLimit: 100,
      RestartPolicy: { Name: "on-failure", MaximumRetryCount: 3 },
      CapAdd: ["NET_ADMIN"],
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      Ulimits: [{ Name: "nofile", Soft: 1024, Hard: 2048 }],
      Sysctls: { "net.core.somaxconn": "1024" },
      ShmSize: 64 * 1024 * 1024,
      NetworkMode: "none",
    });
  });

  it("--no-healthcheck sends Test NONE", async () => {
    await h.berth(["container", "create", "--name", "n", "--no-healthcheck", "busybox"]);
    expect(h.fixture.fake.container("n").body.Healthcheck).toEqual({ Test: ["NONE"] });
  });

  it("names the flag of a bad value and exits 125", async () => {
    const run = await h.berth(["container", "run", "--memory", "lots", "busybox"]);
    expect(run.status).toBe(125);
    expect(run.stderr).toContain('invalid argument "lots" for "--memory" flag');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const ulimit = await h.berth(["container", "run", "--ulimit", "nofile", "busybox"]);
    expect(ulimit.stderr).toContain('"--ulimit" flag');
    const duration = await h.berth(["container", "run", "--health-interval", "5", "busybox"]);
    expect(duration.stderr).toContain('"--health-interval" flag');
    const envFile = await h.berth([
      "container",
      "run",
      "--env-file",
      join(h.fixture.dir, "nope.env"),
      "busybox",
    ]);
    expect(envFile.stderr).toContain("--env-file");
    expect(h.fixture.fake.containers.size).toBe(0);
  });

  it("exits 125 with the engine's message when the engine refuses", async () => {
    const run = await h.berth(["container", "run", "nosuchimage"]);
    expect(run.status).toBe(125);
    expect(run.stderr).toContain("No such image: nosuchimage");
  });

  it("refuses -i and -t clearly", async () => {
    const run = await h.berth(["container", "run", "-it", "busybox", "sh"]);
    expect(run.status).toBe(125);
    expect(run.stderr).toContain("-i and -t are not supported");
    expect(h.fixture.fake.containers.size).toBe(0);
  });

  it("create prints the id and leaves the container created", async () => {
    const run = await h.berth(["container", "create", "--name", "c", "busybox", "echo", "hi"]);
    expect(run.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(h.fixture.fake.container("c").status).toBe("created");
    const start = await h.berth(["container", "start", "c"]);
    expect(start).toMatchObject({ status: 0, stdout: "c\n" });
    expect((await h.berth(["container", "logs", "c"])).stdout).toBe("hi\n");
  });
});

describe("the engine connection", () => {
  it("says how to start the engine when nothing answers", async () => {
    const socket = join(h.fixture.dir, "nobody.sock");
    const run = await h.berth(["container", "ps"], { env: { BERTH_HOST: `unix://${socket}` } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `cannot reach the berth engine at unix://${socket}: start it with \`berth engine\``,
    );
  });

  it("rejects a BERTH_HOST that is not a unix socket", async () => {
    const run = await h.berth(["container", "ps"], { env: { BERTH_HOST: "tcp://1.2.3.4:2375" } });
    expect(run.status).toBe(16);
    expect(run.stderr).toContain("BERTH_HOST=tcp://1.2.3.4:2375 is not supported");
  });
});
