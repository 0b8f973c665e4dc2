import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliContext } from "../../../src/cli/cli-context.js";
import { engineClient } from "../../../src/cli/engine-connection.js";
import { type CliHarness, fixedClock, startCliHarness } from "./cli-harness.js";

let h: CliHarness;
beforeEach(async () => {
  h = await startCliHarness(fixedClock(Date.now() + 3 * 3_600_000));
});
afterEach(async () => {
  await h.close();
});

async function runDetached(name: string, ...command: string[]): Promise<string> {
  const run = await h.berth([
    "container",
    "run",
    "-d",
    "--name",
    name,
    "-l",
    "tier=web",
    "busybox",
    ...command,
  ]);
  expect(run.status).toBe(0);
  return run.stdout.trim();
}

describe("berth container ps", () => {
  it("prints docker's table with the running containers only", async () => {
    const id = await runDetached("web", "sleep", "60");
    await h.berth(["container", "run", "--name", "done", "busybox", "echo", "x"]);
    const ps = await h.berth(["container", "ps"]);
    const [header, ...rows] = ps.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^CONTAINER ID {3}IMAGE {5}COMMAND {6}CREATED {7}STATUS {2,}PORTS {5}NAMES$/);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(
      new RegExp(`^${id.slice(0, 12)} {3}busybox {3}"sleep 60" {3}3 hours ago {3}Up .* {3}web$`),
    );
  });

  it("-a shows every container, -q only ids, --no-trunc full ids", async () => {
    const id = await runDetached("web", "sleep", "60");
    await h.berth(["container", "run", "--name", "done", "busybox", "echo", "x"]);
    expect((await h.berth(["container", "ps", "-a", "-q"])).stdout.split("\n").filter(Boolean)).toHaveLength(
      2,
    );
    expect((await h.berth(["container", "ps", "-q"])).stdout).toBe(`${id.slice(0, 12)}\n`);
    expect((await h.berth(["container", "ps", "-q", "--no-trunc"])).stdout).toBe(`${id}\n`);
  });

  it("--format json prints one object per line with docker's fields", async () => {
    const id = await runDetached("web", "sleep", "60");
    const ps = await h.berth(["container", "ps", "--format", "json"]);
    const lines = ps.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const row: unknown = JSON.parse(lines[0] ?? "");
    expect(row).toMatchObject({
      ID: id.slice(0, 12),
      Names: "web",
      Image: "busybox",
      Command: '"sleep 60"',
      State: "running",
      Labels: "tier=web",
      RunningFor: "3 hours ago",
    });
    expect(Object.keys(row as object)).toEqual([...Object.keys(row as object)].sort());
  });

  it("--format takes Go templates, with table headers and .Label", async () => {
    await runDetached("web", "sleep", "60");
    const plain = await h.berth(["container", "ps", "--format", '{{.Names}}:{{.State}}:{{.Label "tier"}}']);
    expect(plain.stdout).toBe("web:running:web\n");
    const table = await h.berth(["container", "ps", "--format", "table {{.Names}}\\t{{.State}}"]);
    expect(table.stdout).toBe("NAMES     STATE\nweb       running\n");
  });

  it("-f filters like docker (status, label, name)", async () => {
    await runDetached("web", "sleep", "60");
    await h.berth(["container", "run", "--name", "done", "busybox", "fail", "4"]);
    const names = async (...args: string[]) =>
      (await h.berth(["container", "ps", "-a", "--format", "{{.Names}}", ...args])).stdout;
    expect(await names("-f", "status=exited")).toBe("done\n");
    expect(await names("-f", "label=tier=web")).toBe("web\n");
    expect(await names("-f", "name=^/web$")).toBe("web\n");
    expect(await names("-f", "exited=4")).toBe("done\n");
    const bad = await h.berth(["container", "ps", "-f", "nonsense"]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("bad format of filter");
  });
});

describe("lifecycle commands", () => {
  it("stop, start, restart, kill, pause, unpause and rm print what they were given", async () => {
    await runDetached("web", "sleep", "60");
    expect(await h.berth(["container", "stop", "-t", "1", "web"])).toMatchObject({
      status: 0,
      stdout: "web\n",
    });
    expect(h.fixture.fake.container("web").exitCode).toBe(143);
    expect((await h.berth(["container", "start", "web"])).stdout).toBe("web\n");
    expect((await h.berth(["container", "restart", "web"])).stdout).toBe("web\n");
    expect((await h.berth(["container", "pause", "web"])).stdout).toBe("web\n");
    expect(h.fixture.fake.container("web").status).toBe("paused");
    expect((await h.berth(["container", "unpause", "web"])).stdout).toBe("web\n");
    expect((await h.berth(["container", "kill", "-s", "TERM", "web"])).stdout).toBe("web\n");
    expect(h.fixture.fake.container("web").exitCode).toBe(137);
    expect((await h.berth(["container", "rm", "web"])).stdout).toBe("web\n");
    expect(h.fixture.fake.containers.size).toBe(0);
  });

  it("rm of a running container needs -f; -f removes it", async () => {
    await runDetached("web", "sleep", "60");
    const refused = await h.berth(["container", "rm", "web"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("You cannot remove a running container");
    expect((await h.berth(["container", "rm", "-f", "-v", "web"])).status).toBe(0);
    expect(h.fixture.fake.containers.size).toBe(0);
  });

  it("an unknown container: 'No such container: x', exit 1, others still done", async () => {
    await runDetached("web", "sleep", "60");
    const run = await h.berth(["container", "stop", "x", "web"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("web\n");
    expect(run.stderr).toBe("error: No such container: x\n");
  });

  it("wait prints the exit codes", async () => {
    await h.berth(["container", "run", "--name", "a", "busybox", "fail", "5"]);
    await h.berth(["container", "run", "--name", "b", "busybox", "echo", "ok"]);
    expect((await h.berth(["container", "wait", "a", "b"])).stdout).toBe("5\n0\n");
  });

  it("top prints the processes as a table", async () => {
    await runDetached("web", "sleep", "60");
    const top = await h.berth(["container", "top", "web"]);
    expect(top.stdout.split("\n")[0]).toMatch(/^UID {17}PID {17}PPID/);
    expect(top.stdout).toContain("sleep 60");
  });
});

describe("berth container logs", () => {
  it("puts stdout and stderr on the right streams; --tail, -t", async () => {
    await h.berth(["container", "run", "--name", "f", "busybox", "fail", "1"]);
    const logs = await h.berth(["container", "logs", "f"]);
    expect(logs).toMatchObject({ status: 0, stdout: "", stderr: "failing\n" });
    await h.berth(["container", "run", "--name", "e", "busybox", "echo", "hi"]);
    expect((await h.berth(["container", "logs", "--tail", "0", "e"])).stdout).toBe("");
    expect((await h.berth(["container", "logs", "-n", "1", "e"])).stdout).toBe("hi\n");
    expect((await h.berth(["container", "logs", "-t", "e"])).stdout).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z hi\n$/,
    );
  });

  it("-f follows until the container ends", async () => {
    await runDetached("web", "sleep", "60");
    const fake = h.fixture.fake;
    const following = h.berth(["container", "logs", "-f", "web"]);
    setTimeout(() => {
      fake.writeLog(fake.container("web"), "stdout", "later\n");
      fake.exit(fake.container("web"), 0);
    }, 50);
    expect((await following).stdout).toBe("later\n");
  });

  it("rejects a bad --tail and --since", async () => {
    await runDetached("web", "sleep", "60");
    expect((await h.berth(["container", "logs", "--tail", "x", "web"])).stderr).toContain("--tail");
    expect((await h.berth(["container", "logs", "--since", "yesterday", "web"])).stderr).toContain("--since");
  });
});

describe("berth container exec", () => {
  it("streams output and exits with the command's exit code", async () => {
    await runDetached("web", "sleep", "60");
    expect(await h.berth(["container", "exec", "web", "echo", "-n", "hi"])).toMatchObject({
      status: 0,
      stdout: "-n hi\n",
    });
    expect((await h.berth(["container", "exec", "web", "exit", "3"])).status).toBe(3);
    const missing = await h.berth(["container", "exec", "web", "nope"]);
    expect(missing.status).toBe(127);
    expect(missing.stderr).toContain("executable file not found");
  });

  it("-i pipes stdin through the hijacked connection", async () => {
    await runDetached("web", "sleep", "60");
    const run = await h.berth(["container", "exec", "-i", "web", "cat"], { stdin: "piped\nlines\n" });
    expect(run).toMatchObject({ status: 0, stdout: "piped\nlines\n" });
  });

  it("sends -e, -u, -w and runs detached with -d", async () => {
    await runDetached("web", "sleep", "60");
    const run = await h.berth([
      "container",
      "exec",
      "-d",
      "-e",
      "A=1",
      "-u",
      "nobody",
      "-w",
      "/tmp",
      "web",
      "echo",
      "x",
    ]);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    const exec = [...h.fixture.fake.execs.values()][0];
    expect(exec?.body).toMatchObject({
      Cmd: ["echo", "x"],
      Env: ["A=1"],
      User: "nobody",
      WorkingDir: "/tmp",
    });
  });

  it("fails on a stopped container with the engine's message", async () => {
    await h.berth(["container", "run", "--name", "e", "busybox", "echo", "x"]);
    const run = await h.berth(["container", "exec", "e", "echo", "y"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("is not running");
  });
});

describe("berth container inspect", () => {
  it("prints a JSON array like docker", async () => {
    const id = await runDetached("web", "sleep", "60");
    const run = await h.berth(["container", "inspect", "web"]);
    const docs = JSON.parse(run.stdout) as { Id: string; Name: string }[];
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ Id: id, Name: "/web" });
    expect(run.stdout.startsWith("[\n    {\n")).toBe(true);
  });

  it("-f renders a template per container", async () => {
    await runDetached("web", "sleep", "60");
    await h.berth(["container", "run", "--name", "done", "busybox", "fail", "2"]);
    const run = await h.berth([
      "container",
      "inspect",
      "-f",
      "{{.Name}} {{.State.Status}} {{.State.ExitCode}} {{json .Config.Labels}}",
      "web",
      "done",
    ]);
    expect(run.stdout).toBe('/web running 0 {"tier":"web"}\n/done exited 2 {}\n');
  });

  it("prints what it found and fails for the rest", async () => {
    await runDetached("web", "sleep", "60");
    const run = await h.berth(["container", "inspect", "web", "nope"]);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toHaveLength(1);
    expect(run.stderr).toContain("No such container: nope");
  });
});

describe("engineClient", () => {
  it("starts an engine through the auto-start when none answers", async () => {
    const { fixture } = h;
    const context = { env: { BERTH_HOST: "unix:///nonexistent/berth.sock" } } as unknown as CliContext;
    const started: string[] = [];
    const client = await engineClient(context, async (_c, socketPath) => {
      started.push(socketPath);
    });
    expect(started).toEqual(["/nonexistent/berth.sock"]);
    expect(client.socketPath).toBe("/nonexistent/berth.sock");
    expect(fixture.socketPath).not.toBe(client.socketPath);
  });
});
