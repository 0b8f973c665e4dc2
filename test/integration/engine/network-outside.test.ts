import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandSpecialFiles, ImageStore } from "../../../src/image/index.js";
import { execaRunner } from "../../../src/platform/execa-runner.js";
import { ensureConformanceImages } from "../../support/node-stand-in-image.js";
import { type EngineEnv, engineEnv, eventually } from "./harness.js";
import { execIn } from "./network-child.js";
import { hostAddress, makeOutsideHost, type OutsideHost, peerEcho } from "./network-outside.js";

// Published ports through the engine as the bar asks: UDP, hairpin (a container reaching its own
// published port on the host's address), an outside client in another netns behind its own /30 (the
// container sees its real address), and outbound connects from a user network to that outside host.

const run = promisify(execFile);
const NODE_IMAGE = "composespec/conformance-tests-server:latest";
const NODE = "/usr/local/bin/node";

/** Runs node -e SCRIPT ARGS on the host (asynchronously: the engine in this process must keep serving). */
function nodeOnHost(script: string, args: readonly string[]): Promise<string | undefined> {
  return run(process.execPath, ["-e", script, ...args]).then(
    (done) => done.stdout.trim(),
    () => undefined,
  );
}

describe("published ports and outbound traffic with an outside client (engine, real kernel)", () => {
  let env: EngineEnv;
  let outside: OutsideHost;
  let tcpPort = 0;
  let udpPort = 0;
  let gateway = "";
  let echoIp = "";
  const host = hostAddress();

  beforeAll(async () => {
    env = await engineEnv();
    await ensureConformanceImages(
      new ImageStore({ root: env.location.root, specials: commandSpecialFiles(execaRunner()) }),
    );
    outside = await makeOutsideHost();
    await env.api.ok("POST", "/networks/create", { Name: "pub" });
    const id = await env.api.create("echo", {
      Image: NODE_IMAGE,
      Cmd: [NODE, "-e", peerEcho.server, "9000"],
      ExposedPorts: { "9000/tcp": {}, "9000/udp": {} },
      HostConfig: {
        NetworkMode: "pub",
        PortBindings: { "9000/tcp": [{ HostPort: "" }], "9000/udp": [{ HostPort: "" }] },
      },
    });
    await env.api.ok("POST", `/containers/${id}/start`);
    const inspect = (await env.api.ok("GET", `/containers/${id}/json`)) as {
      NetworkSettings: {
        Ports: Record<string, { HostPort: string }[]>;
        Networks: { pub: { IPAddress: string; Gateway: string } };
      };
    };
    tcpPort = Number(inspect.NetworkSettings.Ports["9000/tcp"]?.[0]?.HostPort);
    udpPort = Number(inspect.NetworkSettings.Ports["9000/udp"]?.[0]?.HostPort);
    gateway = inspect.NetworkSettings.Networks.pub.Gateway;
    echoIp = inspect.NetworkSettings.Networks.pub.IPAddress;
    await eventually(() => nodeOnHost(peerEcho.httpClient, ["127.0.0.1", String(tcpPort)]), "echo server");
  }, 300_000);

  afterAll(async () => {
    const left = await outside?.remove();
    await env?.finish();
    expect(left, "the outside host's netns and veth").toEqual({ netns: false, link: false });
  }, 240_000);

  it("a published UDP port answers on 127.0.0.1 and on the host's own address", async () => {
    expect(udpPort).toBeGreaterThan(1024);
    const loop = await nodeOnHost(peerEcho.udpClient, ["127.0.0.1", String(udpPort)]);
    expect(loop, "loopback clients are masqueraded to the gateway").toBe(`from ${gateway}`);
    expect(await nodeOnHost(peerEcho.udpClient, [host, String(udpPort)])).toBe(`from ${host}`);
  });

  it("an outside client reaches the published TCP and UDP ports; the container sees its real address", async () => {
    expect(await outside.node(peerEcho.httpClient, [outside.hostSide, String(tcpPort)])).toBe(
      `from ${outside.outsideSide}`,
    );
    expect(await outside.node(peerEcho.udpClient, [outside.hostSide, String(udpPort)])).toBe(
      `from ${outside.outsideSide}`,
    );
  });

  it("hairpin: the container reaches its own published port through the host's address; so does a peer", async () => {
    const own = await execIn(env.api, "echo", `${NODE} -e '${peerEcho.httpClient}' ${host} ${tcpPort}`);
    expect(own).toMatchObject({ code: 0, stdout: expect.stringMatching(/^from \d+\.\d+\.\d+\.\d+\n$/) });
    const ownUdp = await execIn(env.api, "echo", `${NODE} -e '${peerEcho.udpClient}' ${host} ${udpPort}`);
    expect(ownUdp).toMatchObject({ code: 0, stdout: expect.stringMatching(/^from \d+\.\d+\.\d+\.\d+\n$/) });
    const peer = await env.api.run("peer", {
      Cmd: ["sh", "-c", `timeout 5 wget -q -O- http://${host}:${tcpPort}/`],
      HostConfig: { NetworkMode: "pub" },
    });
    expect(peer.code).toBe(0);
    expect(peer.stdout).toMatch(/^from \d+\.\d+\.\d+\.\d+$/);
    expect(peer.stdout).not.toBe(`from ${echoIp}`);
  });

  it("a container on a user network connects out to the outside host, masqueraded to the host's address", async () => {
    outside.serve(peerEcho.server, ["9100"]);
    // The server (node, started just now) listens before the container's few tries begin.
    await eventually(
      () => outside.node(peerEcho.httpClient, [outside.outsideSide, "9100"]),
      "outside server",
      30_000,
    );
    const result = await env.api.run("out", {
      Cmd: [
        "sh",
        "-c",
        `for i in $(seq 1 25); do timeout 5 wget -q -O- http://${outside.outsideSide}:9100/ && exit 0; sleep 0.2; done; exit 1`,
      ],
      HostConfig: { NetworkMode: "pub" },
    });
    expect(result).toMatchObject({ code: 0, stdout: `from ${outside.hostSide}` });
  });
});
