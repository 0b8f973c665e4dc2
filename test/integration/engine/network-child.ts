import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { kernelNames } from "../../../src/network/index.js";
import { Api, demux } from "./api.js";
import { cliBundle } from "./cli-bundle.js";
import { type EngineLocation, eventually } from "./harness.js";

/** An engine run as a child process from the built CLI bundle (so a test can SIGKILL it). */
export interface ChildEngine {
  child: ChildProcess;
  api: Api;
  /** Resolves with the signal that ended it (or its exit code). */
  ended: Promise<string>;
  /** SIGKILLs it by PID and waits for the end. */
  kill(): Promise<string>;
}

/** Starts `berth engine` on the location with extra env (e.g. BERTH_CRASH_AT) and flags; waits for its socket. */
export async function startChildEngine(
  location: EngineLocation,
  env: Record<string, string> = {},
  flags: readonly string[] = [],
): Promise<ChildEngine> {
  const log = openSync(join(location.root, "child-engine.log"), "a");
  const child = spawn(
    process.execPath,
    [
      cliBundle(),
      "engine",
      "--root",
      location.root,
      "--run-dir",
      location.runDir,
      "--instance",
      location.instance,
      "--socket",
      location.socketPath,
      ...flags,
    ],
    { stdio: ["ignore", log, log], env: { ...process.env, ...env } },
  );
  const ended = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  const api = new Api(location.socketPath);
  await eventually(async () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`child engine ended early`);
    return (await api.call("GET", "/_ping").catch(() => undefined))?.status === 200;
  }, "child engine");
  return {
    child,
    api,
    ended,
    kill: () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid, "SIGKILL");
      }
      return ended;
    },
  };
}

/** Runs a shell script in a running container (exec); its exit code and demultiplexed output. */
export async function execIn(
  api: Api,
  container: string,
  script: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const created = await api.ok<{ Id: string }>("POST", `/containers/${container}/exec`, {
    Cmd: ["sh", "-c", script],
    AttachStdout: true,
    AttachStderr: true,
  });
  const answer = await api.call("POST", `/exec/${created.Id}/start`, { Detach: false, Tty: false });
  const code = (await api.ok<{ ExitCode: number }>("GET", `/exec/${created.Id}/json`)).ExitCode;
  return { code, ...demux(answer.body) };
}

/** The names of every link on the host now. */
export function hostLinks(): Set<string> {
  const list = JSON.parse(execFileSync("ip", ["-j", "link", "show"], { encoding: "utf8" })) as {
    ifname: string;
  }[];
  return new Set(list.map((l) => l.ifname));
}

/** The netns of an instance that exist now (sorted). */
export function instanceNetns(instance: string): string[] {
  return execFileSync("ip", ["netns", "list"], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.split(" ")[0] ?? "")
    .filter((name) => name.startsWith(`berth-${instance}-`))
    .sort();
}

/** The instance's nftables table as `nft list table` prints it ("" when it does not exist). */
export function instanceTable(instance: string): string {
  const table = kernelNames(instance).table;
  const tables = execFileSync("nft", ["list", "tables"], { encoding: "utf8" });
  if (!tables.split("\n").some((line) => line.trim() === `table ip ${table}`)) return "";
  return execFileSync("nft", ["list", "table", "ip", table], { encoding: "utf8" });
}

/** The network records on disk of an engine root (`<root>/networks/<id>.json`). */
export function networkRecordsOnDisk(
  root: string,
): { id: string; name: string; bridge: string; phase: string }[] {
  const dir = join(root, "networks");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^[0-9a-f]{64}\.json$/.test(name))
    .map(
      (name) =>
        JSON.parse(readFileSync(join(dir, name), "utf8")) as {
          id: string;
          name: string;
          bridge: string;
          phase: string;
        },
    );
}
