import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { Api } from "./api.js";
import { cliBundle } from "./cli-bundle.js";
import { addBusybox, cleanupAndCheck, freshLocation } from "./harness.js";

const run = promisify(execFile);

describe("berth engine start|status|stop|logs through the CLI bundle", () => {
  const location = freshLocation("berth-cli-eng-");
  const env = {
    ...process.env,
    BERTH_HOST: `unix://${location.socketPath}`,
    BERTH_ENGINE_ROOT: location.root,
    BERTH_ENGINE_RUN_DIR: location.runDir,
    BERTH_ENGINE_INSTANCE: location.instance,
  };
  const berth = (...args: string[]) =>
    run(process.execPath, [cliBundle(), ...args], { env, encoding: "utf8" });

  afterAll(async () => {
    await berth("engine", "stop").catch(() => undefined);
    await cleanupAndCheck(location);
  }, 180_000);

  it("starts the engine detached, reports it, stops it while its containers keep running", async () => {
    await addBusybox(location.root);
    const started = await berth("engine", "start");
    expect(started.stderr).toMatch(
      new RegExp(`^berth: started the engine \\(pid (\\d+), log ${join(location.root, "engine.log")}\\)\\n$`),
    );
    const pid = Number(/pid (\d+)/.exec(started.stderr)?.[1]);
    const status = await berth("engine", "status");
    expect(status.stdout).toContain(`pid:     ${pid}`);
    expect(status.stdout).toContain(`root:    ${location.root}`);
    expect((await berth("engine", "start")).stdout).toContain("already runs");

    const api = new Api(location.socketPath);
    const id = await api.create("keeper", { Cmd: ["sleep", "1000"], HostConfig: { Init: true } });
    await api.ok("POST", `/containers/${id}/start`);
    const containerPid = (await api.inspect(id)).State.Pid;

    await expect(berth("engine", "reset")).rejects.toMatchObject({
      stderr: expect.stringContaining("already in use by a running berth engine"),
    });
    expect((await berth("engine", "stop")).stdout).toBe(
      `stopped the berth engine (pid ${pid}); containers keep running\n`,
    );
    expect(existsSync(`/proc/${containerPid}`)).toBe(true);
    expect(readFileSync(`/proc/${containerPid}/cmdline`, "utf8")).toContain("sleep");
    await expect(berth("engine", "status")).rejects.toMatchObject({ code: 1 });
    const logs = await berth("engine", "logs");
    expect(logs.stdout).toContain(`serving ${location.socketPath}`);
    expect(logs.stdout).toContain("received SIGTERM");

    // reset: the running container is killed and removed with its netns and the default bridge
    const reset = await berth("engine", "reset");
    expect(reset.stdout).toMatch(
      new RegExp(
        `^reset the berth engine instance ${location.instance} of ${location.root}: containers removed, 1 bridge\\(s\\), 1 netns, its nft table removed; images and volumes kept\\n$`,
      ),
    );
    expect(existsSync(`/proc/${containerPid}`)).toBe(false);
  }, 120_000);
});
