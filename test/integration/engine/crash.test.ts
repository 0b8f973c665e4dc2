import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEngine } from "../../../src/engine/daemon/start-engine.js";
import { Api } from "./api.js";
import { cliBundle } from "./cli-bundle.js";
import { addBusybox, cleanupAndCheck, type EngineLocation, eventually, freshLocation } from "./harness.js";

const counter = "i=0; while true; do i=$((i+1)); echo line $i; sleep 0.05; done";

function lineNumbers(text: string): number[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("line "))
    .map((line) => Number(line.slice(5)));
}

function runcState(location: EngineLocation, id: string): string {
  const path = join(location.runDir, "runc", id, "state.json");
  if (!existsSync(path)) return "gone";
  const pid = (JSON.parse(readFileSync(path, "utf8")) as { init_process_pid: number }).init_process_pid;
  return existsSync(`/proc/${pid}`) ? "running" : "stopped";
}

describe("engine crash: SIGKILL the daemon while containers run and log", () => {
  const location = freshLocation("berth-crash-");
  let child: ChildProcess | undefined;
  let api: Api | undefined;
  let second: Awaited<ReturnType<typeof startEngine>> | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await cleanupAndCheck(location, second ? api : undefined, second);
  }, 180_000);

  it("containers keep running, a new engine re-adopts them, no line is lost, later exits are reported", async () => {
    const bundle = cliBundle();
    await addBusybox(location.root);
    const log = openSync(join(location.root, "child-engine.log"), "a");
    child = spawn(
      process.execPath,
      [
        bundle,
        "engine",
        "--root",
        location.root,
        "--run-dir",
        location.runDir,
        "--instance",
        location.instance,
        "--socket",
        location.socketPath,
      ],
      { stdio: ["ignore", log, log] },
    );
    api = new Api(location.socketPath);
    const client = api;
    await eventually(
      async () => (await client.call("GET", "/_ping").catch(() => undefined))?.status === 200,
      "first engine",
    );

    const writers: string[] = [];
    for (const name of ["w1", "w2"]) {
      const id = await client.create(name, { Cmd: ["sh", "-c", counter], HostConfig: { Init: true } });
      await client.ok("POST", `/containers/${id}/start`);
      writers.push(id);
    }
    // The quitter exits when the test says so (a file in a bind mount), only once the engine is gone:
    // a fixed `sleep 2` could end before the SIGKILL on a slow machine, and the first engine saw it.
    const signalDir = join(location.root, "quitter-signal");
    mkdirSync(signalDir);
    const quitter = await client.create("quitter", {
      Cmd: ["sh", "-c", "while [ ! -f /signal/go ]; do sleep 0.05; done; exit 7"],
      HostConfig: { Binds: [`${signalDir}:/signal`] },
    });
    await client.ok("POST", `/containers/${quitter}/start`);
    await eventually(
      async () => lineNumbers((await client.logs(writers[0] ?? "")).stdout).length >= 5,
      "first lines",
    );

    // one engine per root: a second one refuses, naming the holder
    await expect(startEngine({ ...location, socketPath: join(location.root, "other.sock") })).rejects.toThrow(
      new RegExp(`pid ${child.pid}`),
    );

    const pids = await Promise.all(writers.map(async (id) => (await client.inspect(id)).State.Pid));
    child.kill("SIGKILL");
    await new Promise((resolve) => child?.once("exit", resolve));
    for (const id of writers) expect(runcState(location, id)).toBe("running");
    expect(runcState(location, quitter)).toBe("running");
    writeFileSync(join(signalDir, "go"), "");
    const logFile = (id: string) => join(location.root, "containers", id, "ctr.log");
    const before = readFileSync(logFile(writers[0] ?? ""), "utf8").split("\n").length;
    await eventually(
      async () => readFileSync(logFile(writers[0] ?? ""), "utf8").split("\n").length > before + 10,
      "lines while no engine runs",
    );
    await eventually(
      async () => runcState(location, quitter) !== "running",
      "quitter exits while no engine runs",
    );

    second = await startEngine(location);
    expect([...second.adopted.running].sort()).toEqual([...writers].sort());
    expect(second.adopted.exited).toEqual([quitter]);
    for (const [i, id] of writers.entries()) {
      expect((await client.inspect(id)).State).toMatchObject({ Status: "running", Pid: pids[i] });
    }
    expect((await client.inspect(quitter)).State).toMatchObject({ Status: "exited", ExitCode: 7 });

    for (const id of writers) {
      expect((await client.call("POST", `/containers/${id}/stop?t=10`)).status).toBe(204);
      expect((await client.inspect(id)).State).toMatchObject({ Status: "exited", ExitCode: 143 });
      const numbers = lineNumbers((await client.logs(id)).stdout);
      expect(numbers.length).toBeGreaterThan(20);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
  }, 240_000);
});
