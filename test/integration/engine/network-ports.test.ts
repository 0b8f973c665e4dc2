import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEngine, startEngine } from "../../../src/engine/daemon/start-engine.js";
import { pickFreeHostPort } from "../../../src/network/index.js";
import { Api } from "./api.js";
import { httpGetText } from "./docker-cli.js";
import {
  addBusybox,
  cleanupAndCheck,
  type EngineEnv,
  engineEnv,
  eventually,
  freshLocation,
} from "./harness.js";
import { instanceNetns, instanceTable } from "./network-child.js";
import { hostAddress } from "./network-outside.js";

// Published ports are held open by the engine (a listening TCP socket / a bound UDP socket on
// hostIp:port, as Docker does without a userland proxy) while the container runs: the DNAT still carries
// the traffic, and another program or another berth instance gets "address in use" / "already allocated".

const run = promisify(execFile);

/** What another program gets when it binds the port: "bound" or the error code (EADDRINUSE). */
async function bindElsewhere(protocol: "tcp" | "udp", port: number): Promise<string> {
  const script =
    protocol === "tcp"
      ? 'const s=require("node:net").createServer();s.on("error",(e)=>{console.log(e.code);process.exit(0)});' +
        's.listen(Number(process.argv[1]),"0.0.0.0",()=>{console.log("bound");process.exit(0)});'
      : 'const s=require("node:dgram").createSocket("udp4");s.on("error",(e)=>{console.log(e.code);process.exit(0)});' +
        's.bind(Number(process.argv[1]),"0.0.0.0",()=>{console.log("bound");process.exit(0)});';
  return (await run(process.execPath, ["-e", script, String(port)])).stdout.trim();
}

describe("published ports are held open by the engine while their container runs", () => {
  let env: EngineEnv;
  let restarted: RunningEngine | undefined;
  const otherLocation = freshLocation("berth-ports-b-");
  let other: RunningEngine | undefined;
  let otherApi: Api | undefined;
  let tcpPort = 0;
  let udpPort = 0;

  beforeAll(async () => {
    env = await engineEnv();
    await addBusybox(otherLocation.root);
    other = await startEngine(otherLocation);
    otherApi = new Api(other.socketPath);
    tcpPort = await pickFreeHostPort({ protocol: "tcp", exclude: new Set() });
    udpPort = await pickFreeHostPort({ protocol: "udp", exclude: new Set() });
    await env.api.ok("POST", "/networks/create", { Name: "held" });
    const id = await env.api.create("web", {
      Cmd: [
        "sh",
        "-c",
        "mkdir -p /www && echo hello-held > /www/index.html && exec httpd -f -p 8080 -h /www",
      ],
      HostConfig: {
        NetworkMode: "held",
        PortBindings: {
          "8080/tcp": [{ HostPort: String(tcpPort) }],
          "9000/udp": [{ HostIp: "0.0.0.0", HostPort: String(udpPort) }],
        },
      },
    });
    await env.api.ok("POST", `/containers/${id}/start`);
  }, 240_000);

  afterAll(async () => {
    await cleanupAndCheck(otherLocation, otherApi, other);
    if (env) await cleanupAndCheck(env.location, env.api, restarted ?? env.engine);
  }, 240_000);

  it("another program cannot bind them; the DNAT still answers on 127.0.0.1 and the host's address", async () => {
    expect(await bindElsewhere("tcp", tcpPort)).toBe("EADDRINUSE");
    expect(await bindElsewhere("udp", udpPort)).toBe("EADDRINUSE");
    expect(await eventually(() => httpGetText(tcpPort, "127.0.0.1").catch(() => undefined), "port")).toBe(
      "hello-held\n",
    );
    expect(await httpGetText(tcpPort, hostAddress())).toBe("hello-held\n");
    expect(env.engine.engine.core.networks?.reservations.heldBy(await idOf(env.api, "web"))).toEqual([
      `tcp/0.0.0.0/${tcpPort}`,
      `udp/0.0.0.0/${udpPort}`,
    ]);
  });

  it("another berth instance is refused the port (409 naming it) and keeps nothing half-made", async () => {
    const api = otherApi as Api;
    const id = await api.create("rival", {
      Cmd: ["sleep", "600"],
      HostConfig: { PortBindings: { "80/tcp": [{ HostPort: String(tcpPort) }] } },
    });
    const refused = await api.call("POST", `/containers/${id}/start`);
    expect(refused.status).toBe(409);
    expect((refused.json as { message: string }).message).toContain(
      `Bind for 0.0.0.0:${tcpPort} failed: port is already allocated`,
    );
    expect((await api.inspect(id)).State).toMatchObject({ Status: "created", Running: false });
    expect(instanceNetns(otherLocation.instance)).toEqual([]);
    expect(instanceTable(otherLocation.instance)).not.toContain("dnat to");
  });

  it("a restarted engine holds them again; a stopped container gives them back", async () => {
    const location = env.location;
    await env.engine.stop();
    expect(await bindElsewhere("tcp", tcpPort), "while no engine runs nothing holds it").toBe("bound");
    restarted = await startEngine(location);
    expect(restarted.adopted.running).toEqual([await idOf(env.api, "web")]);
    expect(await bindElsewhere("tcp", tcpPort)).toBe("EADDRINUSE");
    expect(await bindElsewhere("udp", udpPort)).toBe("EADDRINUSE");
    expect(await httpGetText(tcpPort, "127.0.0.1")).toBe("hello-held\n");
    await env.api.ok("POST", "/containers/web/stop?t=1");
    expect(await bindElsewhere("tcp", tcpPort)).toBe("bound");
    expect(await bindElsewhere("udp", udpPort)).toBe("bound");
  });
});

async function idOf(api: Api, name: string): Promise<string> {
  return (await api.inspect(name)).Id;
}
