import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demux } from "./api.js";
import { type EngineEnv, engineEnv, eventually } from "./harness.js";

const ms = 1_000_000;

describe("engine on runc + conmon: stop, exec, health, restarts", () => {
  let env: EngineEnv;
  beforeAll(async () => {
    env = await engineEnv();
  }, 180_000);
  afterAll(async () => {
    await env?.finish();
  }, 180_000);

  it("stop of a PID 1 that ignores SIGTERM: grace, then KILL → 137", async () => {
    const id = await env.api.create("stubborn", { Cmd: ["sleep", "1000"] });
    await env.api.ok("POST", `/containers/${id}/start`);
    const started = Date.now();
    expect((await env.api.call("POST", `/containers/${id}/stop?t=1`)).status).toBe(204);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await env.api.inspect(id)).State).toMatchObject({ Status: "exited", ExitCode: 137 });
    expect((await env.api.call("POST", `/containers/${id}/stop?t=1`)).status).toBe(304);
  });

  it("with Init the stop signal reaches the process: 143 within the grace", async () => {
    const id = await env.api.create("polite", { Cmd: ["sleep", "1000"], HostConfig: { Init: true } });
    await env.api.ok("POST", `/containers/${id}/start`);
    expect((await env.api.call("POST", `/containers/${id}/stop?t=30`)).status).toBe(204);
    expect((await env.api.inspect(id)).State.ExitCode).toBe(143);
  });

  it("exec: output, exit codes kept for inspect, user and env", async () => {
    const id = await env.api.create("host", { Cmd: ["sleep", "1000"], HostConfig: { Init: true } });
    await env.api.ok("POST", `/containers/${id}/start`);
    const exec = async (body: Record<string, unknown>) => {
      const { Id } = await env.api.ok<{ Id: string }>("POST", `/containers/${id}/exec`, {
        AttachStdout: true,
        AttachStderr: true,
        ...body,
      });
      const answer = await env.api.call("POST", `/exec/${Id}/start`, { Detach: false });
      const inspect = await env.api.ok<{ ExitCode: number; Running: boolean }>("GET", `/exec/${Id}/json`);
      return { ...demux(answer.body), ...inspect };
    };
    expect(await exec({ Cmd: ["sh", "-c", "echo out; echo err >&2; exit 3"] })).toMatchObject({
      stdout: "out\n",
      stderr: "err\n",
      ExitCode: 3,
      Running: false,
    });
    expect(await exec({ Cmd: ["sh", "-c", 'id -u; echo "$X"'], User: "app", Env: ["X=y"] })).toMatchObject({
      stdout: "1000\ny\n",
      ExitCode: 0,
    });
    expect((await exec({ Cmd: ["no-such-binary"] })).ExitCode).toBe(127);
    const top = await env.api.ok<{ Titles: string[]; Processes: string[][] }>("GET", `/containers/${id}/top`);
    expect(top.Titles).toContain("PID");
    expect(top.Processes.map((p) => p.at(-1))).toContain("sleep 1000");
  });

  it("health: starting → unhealthy after retries → healthy, with health_status events", async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const id = await env.api.create("probed", {
      Cmd: ["sleep", "1000"],
      HostConfig: { Init: true },
      Healthcheck: {
        Test: ["CMD-SHELL", "test -f /tmp/ok"],
        // 1 s apart, so two failures (unhealthy) cannot come before the inspect right after the start
        // even on a loaded machine (at 200 ms they could).
        Interval: 1000 * ms,
        Timeout: 5000 * ms,
        Retries: 2,
      },
    });
    await env.api.ok("POST", `/containers/${id}/start`);
    expect((await env.api.inspect(id)).State.Health?.Status).toBe("starting");
    await eventually(
      async () => (await env.api.inspect(id)).State.Health?.Status === "unhealthy",
      "unhealthy",
    );
    const unhealthy = (await env.api.inspect(id)).State.Health;
    expect(unhealthy?.FailingStreak).toBeGreaterThanOrEqual(2);
    expect(unhealthy?.Log.at(-1)?.ExitCode).toBe(1);
    const { Id } = await env.api.ok<{ Id: string }>("POST", `/containers/${id}/exec`, {
      Cmd: ["touch", "/tmp/ok"],
    });
    await env.api.call("POST", `/exec/${Id}/start`, { Detach: false });
    await eventually(async () => (await env.api.inspect(id)).State.Health?.Status === "healthy", "healthy");
    const events = await env.api.call(
      "GET",
      `/events?since=${since}&until=${Math.ceil(Date.now() / 1000) + 1}&filters=${encodeURIComponent(JSON.stringify({ container: [id] }))}`,
    );
    const actions = events.text
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { Action: string }).Action)
      .filter((action) => action.startsWith("health_status"));
    expect(actions).toEqual(["health_status: unhealthy", "health_status: healthy"]);
  });

  it("restart policy on-failure:2 restarts twice with back-off, then stays exited", async () => {
    const id = await env.api.create("flaky", {
      Cmd: ["sh", "-c", "exit 1"],
      HostConfig: { RestartPolicy: { Name: "on-failure", MaximumRetryCount: 2 } },
    });
    await env.api.ok("POST", `/containers/${id}/start`);
    const done = await eventually(async () => {
      const inspect = await env.api.inspect(id);
      return inspect.RestartCount === 2 && inspect.State.Status === "exited" ? inspect : undefined;
    }, "two restarts");
    expect(done.State.ExitCode).toBe(1);
  });

  it("restart policy always is not undone by a user stop", async () => {
    const id = await env.api.create("always", {
      Cmd: ["sh", "-c", "sleep 0.2; exit 2"],
      HostConfig: { RestartPolicy: { Name: "always" } },
    });
    await env.api.ok("POST", `/containers/${id}/start`);
    await eventually(
      async () => ((await env.api.inspect(id)).RestartCount >= 1 ? true : undefined),
      "a restart",
    );
    await env.api.ok("POST", `/containers/${id}/stop?t=1`);
    const count = (await env.api.inspect(id)).RestartCount;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await env.api.inspect(id);
    expect(after.State.Status).toBe("exited");
    expect(after.RestartCount).toBe(count);
  });
});
