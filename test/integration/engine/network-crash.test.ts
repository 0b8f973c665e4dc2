import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { type RunningEngine, startEngine } from "../../../src/engine/daemon/start-engine.js";
import { kernelNames } from "../../../src/network/index.js";
import { Api } from "./api.js";
import { httpGetText } from "./docker-cli.js";
import { addBusybox, cleanupAndCheck, type EngineLocation, eventually, freshLocation } from "./harness.js";
import {
  type ChildEngine,
  execIn,
  hostLinks,
  instanceNetns,
  instanceTable,
  networkRecordsOnDisk,
  startChildEngine,
} from "./network-child.js";

// The crash bar: the daemon (a child process from the built CLI bundle) is SIGKILLed at the crash
// points of a network create and of a start on a user network (BERTH_CRASH_AT), then plainly while
// containers run on a user network with a published port; each new daemon on the same root cleans up or
// completes, and the last one (in this process) brings DNS and the port rules of the running ones back.

const run = promisify(execFile);
const httpd = [
  "sh",
  "-c",
  "mkdir -p /www && echo hello-web > /www/index.html && exec httpd -f -p 8080 -h /www",
];

/** Whether runc (under conmon) still runs the container's process. */
function runcRunning(location: EngineLocation, id: string): boolean {
  const path = join(location.runDir, "runc", id, "state.json");
  if (!existsSync(path)) return false;
  const pid = (JSON.parse(readFileSync(path, "utf8")) as { init_process_pid: number }).init_process_pid;
  return existsSync(`/proc/${pid}`);
}

/** The container's record on disk (what the killed daemon saved). */
function recordOnDisk(
  location: EngineLocation,
  id: string,
): {
  state: { status: string };
  endpoints?: Record<string, { ip?: string; hostVeth?: string }>;
  ports?: unknown[];
} {
  return JSON.parse(readFileSync(join(location.root, "engine", "containers", id, "state.json"), "utf8"));
}

/**
 * busybox nslookup run in the container's netns from the host, asking the network's DNS on the gateway
 * (asynchronously: the last daemon runs in this process and must answer meanwhile).
 */
async function lookupFromNetns(netns: string, name: string, server: string): Promise<string> {
  const argv = ["netns", "exec", netns, "timeout", "4", "busybox", "nslookup", name, server];
  return run("ip", argv).then(
    (done) => done.stdout,
    () => "failed",
  );
}

describe("network crash: SIGKILL the daemon mid-create, mid-start and while containers run", () => {
  const location = freshLocation("berth-netcrash-");
  const names = kernelNames(location.instance);
  let child: ChildEngine | undefined;
  let final: RunningEngine | undefined;
  let api: Api | undefined;

  afterAll(async () => {
    await child?.kill();
    await cleanupAndCheck(location, final ? api : undefined, final);
  }, 180_000);

  it("each new daemon undoes the half-made network or start; running containers keep DNS and ports", async () => {
    await addBusybox(location.root);

    // 1. Killed right after the bridge of a new network was made (record still "creating").
    child = await startChildEngine(location, { BERTH_CRASH_AT: "network.bridge-created" });
    await expect(child.api.call("POST", "/networks/create", { Name: "app" })).rejects.toThrow();
    expect(await child.ended).toBe("SIGKILL");
    const halfMade = networkRecordsOnDisk(location.root);
    expect(halfMade).toMatchObject([{ name: "app", phase: "creating" }]);
    const halfBridge = halfMade[0]?.bridge ?? "";
    expect(hostLinks().has(halfBridge), "the bridge existed when the daemon died").toBe(true);

    // 2. The next daemon removed bridge and record; the same create works. Killed after a start saved its intent.
    // (Its new networks come from a pool given by Docker's flag, as `dockerd --default-address-pool`.)
    child = await startChildEngine(location, { BERTH_CRASH_AT: "container.endpoints-saved" }, [
      "--default-address-pool",
      "base=10.216.0.0/16,size=26",
    ]);
    expect(networkRecordsOnDisk(location.root)).toEqual([]);
    expect(hostLinks().has(halfBridge), "the half-made bridge").toBe(false);
    const created = await child.api.ok<{ Id: string }>("POST", "/networks/create", { Name: "app" });
    const web = await child.api.create("web", {
      Cmd: httpd,
      HostConfig: { NetworkMode: "app", PortBindings: { "8080/tcp": [{ HostPort: "" }] } },
      NetworkingConfig: { EndpointsConfig: { app: { Aliases: ["site"] } } },
    });
    await expect(child.api.call("POST", `/containers/${web}/start`)).rejects.toThrow();
    expect(await child.ended).toBe("SIGKILL");
    expect(recordOnDisk(location, web).endpoints?.[created.Id]?.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(recordOnDisk(location, web).ports).toHaveLength(1);

    // 3. The next daemon released the address and ports; the start goes on until the netns exists.
    child = await startChildEngine(location, { BERTH_CRASH_AT: "container.netns-made" });
    expect(recordOnDisk(location, web).endpoints?.[created.Id]?.ip).toBeUndefined();
    expect(recordOnDisk(location, web).ports).toBeUndefined();
    expect(instanceNetns(location.instance)).toEqual([]);
    await expect(child.api.call("POST", `/containers/${web}/start`)).rejects.toThrow();
    expect(await child.ended).toBe("SIGKILL");
    expect(instanceNetns(location.instance)).toEqual([names.netns(web)]);

    // 4. The next daemon deleted the netns of the container that is not running; now the start completes.
    child = await startChildEngine(location);
    const running = child.api;
    expect(instanceNetns(location.instance)).toEqual([]);
    expect(recordOnDisk(location, web).state.status).toBe("created");
    await running.ok("POST", `/containers/${web}/start`);
    const peer = await running.create("peer", { Cmd: ["sleep", "600"], HostConfig: { NetworkMode: "app" } });
    await running.ok("POST", `/containers/${peer}/start`);
    const port = Number(
      (
        (await running.ok("GET", `/containers/${web}/json`)) as {
          NetworkSettings: { Ports: Record<string, { HostPort: string }[]> };
        }
      ).NetworkSettings.Ports["8080/tcp"]?.[0]?.HostPort,
    );
    expect(
      await eventually(() => httpGetText(port, "127.0.0.1").catch(() => undefined), "published port"),
    ).toBe("hello-web\n");
    const byName = await execIn(running, peer, "timeout 5 wget -q -O- http://site:8080/");
    expect(byName.stdout).toBe("hello-web\n");
    const gateway = (await running.ok<{ IPAM: { Config: { Gateway: string }[] } }>("GET", "/networks/app"))
      .IPAM.Config[0]?.Gateway;
    expect(gateway).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(
      (await running.ok<{ IPAM: { Config: { Subnet: string }[] } }>("GET", "/networks/app")).IPAM.Config[0]
        ?.Subnet,
      "the subnet from the pool of --default-address-pool",
    ).toMatch(/^10\.216\.\d+\.\d+\/26$/);

    // 5. A plain SIGKILL while both run: they keep running, the port keeps answering (the table stays),
    //    and with no daemon there is no DNS on the gateway.
    await child.kill();
    child = undefined;
    expect(runcRunning(location, web) && runcRunning(location, peer)).toBe(true);
    expect(await httpGetText(port, "127.0.0.1")).toBe("hello-web\n");
    expect(await lookupFromNetns(names.netns(peer), "web", gateway ?? "")).toBe("failed");

    // 6. A new daemon adopts them: DNS answers again (its own server), the rules are re-applied from state.
    final = await startEngine(location);
    api = new Api(final.socketPath);
    expect([...final.adopted.running].sort()).toEqual([web, peer].sort());
    const answer = await eventually(async () => {
      const text = await lookupFromNetns(names.netns(peer), "web", gateway ?? "");
      return text === "failed" ? undefined : text;
    }, "DNS of the new daemon");
    const webIp = (
      await api.ok<{ NetworkSettings: { Networks: { app: { IPAddress: string } } } }>(
        "GET",
        `/containers/${web}/json`,
      )
    ).NetworkSettings.Networks.app.IPAddress;
    expect(answer).toContain(webIp);
    expect((await execIn(api, peer, "timeout 5 wget -q -O- http://site:8080/")).stdout).toBe("hello-web\n");
    expect(await httpGetText(port, "127.0.0.1")).toBe("hello-web\n");
    expect(instanceTable(location.instance)).toContain(`dport ${port} dnat to ${webIp}:8080`);

    // 7. Everything removed through the API leaves nothing (afterAll's harness check).
    for (const id of [web, peer]) await api.ok("DELETE", `/containers/${id}?force=1`);
    await api.ok("DELETE", "/networks/app");
    expect(instanceNetns(location.instance)).toEqual([]);
    expect(instanceTable(location.instance)).not.toContain("dnat to");
  }, 400_000);
});
