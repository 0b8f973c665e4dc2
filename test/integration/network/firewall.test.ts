import { createSocket } from "node:dgram";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IpCommand } from "../../../src/network/linux/ip-command.js";
import { linuxNetworkHost } from "../../../src/network/linux/network-host.js";
import { pickFreeHostPort } from "../../../src/network/ports/host-port.js";
import { execaRunner } from "../../../src/platform/execa-runner.js";
import { nodeClock } from "../../../src/platform/node-clock.js";
import { eventually, type NetEnv, netEnv } from "./net-env.js";

// Both tests need ip_forward=1 (routing between bridges and from an outside netns). They share one file
// so that they run one after the other; the value found before is restored afterwards unless other berth
// links exist then (an engine of a parallel test may rely on forwarding).
const host = linuxNetworkHost(execaRunner());
let previousForward = "";

beforeAll(async () => {
  previousForward = (await host.enableForwarding()).previous;
});

afterAll(async () => {
  // Another engine's links on the host (engines of parallel tests) may need forwarding: leave it on then.
  const othersRunning = (await host.listLinks("berth")).length > 0;
  if (previousForward !== "1" && !othersRunning) await host.setSysctl("net.ipv4.ip_forward", previousForward);
});

async function ping(env: NetEnv, netns: string, ip: string): Promise<boolean> {
  const result = await env.inNs(netns, ["busybox", "ping", "-c1", "-W2", ip]);
  return result.exitCode === 0;
}

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** A busybox httpd document root whose /cgi-bin/ip answers the client's address. */
function whoAmIServerDir(): string {
  const www = mkdtempSync(join(tmpdir(), "berth-net-www-"));
  mkdirSync(join(www, "cgi-bin"));
  // busybox httpd reports IPv4 peers as "[::ffff:a.b.c.d]": the script prints the plain address.
  const script = [
    "#!/bin/sh",
    'printf "Content-Type: text/plain\\r\\n\\r\\n"',
    'printf "%s" "$REMOTE_ADDR" | sed -e "s/^\\[::ffff://" -e "s/\\]$//"',
    "",
  ];
  writeFileSync(join(www, "cgi-bin", "ip"), script.join("\n"));
  chmodSync(join(www, "cgi-bin", "ip"), 0o755);
  return www;
}

/** `busybox wget` of a URL from inside a netns (timeout wraps it: busybox's own -T crashes). */
async function wgetIn(env: NetEnv, netns: string, url: string): Promise<{ ok: boolean; body: string }> {
  const result = await env.inNs(netns, ["timeout", "5", "busybox", "wget", "-q", "-O", "-", url]);
  return { ok: result.exitCode === 0, body: result.stdout };
}

describe("the instance's nftables table on the real kernel", () => {
  it("keeps two bridges apart: same-bridge peers ping, the other bridge loses peers and gateway", async () => {
    const env = netEnv();
    try {
      const b1 = await env.bridge("front");
      const b2 = await env.bridge("back");
      const a = await env.container("a", b1, 2);
      const b = await env.container("b", b1, 3);
      const c = await env.container("c", b2, 2);

      expect(await ping(env, a.netns, b.ip)).toBe(true);
      expect(await ping(env, b.netns, a.ip)).toBe(true);
      // Without the table the host routes between bridges: the drops below are the table's doing.
      expect(await ping(env, c.netns, a.ip)).toBe(true);
      expect(await ping(env, c.netns, b1.gateway)).toBe(true);

      await env.firewall.apply({ networks: [b1, b2], forwards: [] });
      expect(await env.firewall.exists()).toBe(true);
      expect(await ping(env, a.netns, b.ip)).toBe(true);
      expect(await ping(env, a.netns, b1.gateway)).toBe(true);
      expect(await ping(env, c.netns, b2.gateway)).toBe(true);
      expect(await ping(env, c.netns, a.ip)).toBe(false);
      expect(await ping(env, a.netns, c.ip)).toBe(false);
      expect(await ping(env, c.netns, b1.gateway)).toBe(false);
      expect(await ping(env, a.netns, b2.gateway)).toBe(false);

      // Applying again replaces the table atomically (no duplicate rules, same behaviour).
      await env.firewall.apply({ networks: [b1, b2], forwards: [] });
      const listed = await env.runner.run(["nft", "list", "table", "ip", env.names.table]);
      expect(listed.stdout.match(/ip daddr \S+ drop/g)).toHaveLength(2);
      expect(await ping(env, c.netns, a.ip)).toBe(false);
    } finally {
      await env.finish();
    }
  });

  it("masquerades a network's traffic to the outside and cuts an internal network off", async () => {
    const env = netEnv();
    const www = whoAmIServerDir();
    try {
      const front = await env.bridge("front");
      const secret = await env.bridge("secret", { internal: true });
      const a = await env.container("a", front, 2);
      const i = await env.container("i", secret, 2);
      const out = await env.outside();
      env.background(out.netns, ["busybox", "httpd", "-f", "-p", "80", "-h", www]);
      const url = `http://${out.outsideSide}/cgi-bin/ip`;

      // Before the table: routed without NAT, both reach the outside.
      expect(await eventually(async () => (await wgetIn(env, a.netns, url)).body || undefined)).toBe(a.ip);
      expect(await wgetIn(env, i.netns, url)).toEqual({ ok: true, body: i.ip });

      await env.firewall.apply({ networks: [front, secret], forwards: [] });
      expect(await wgetIn(env, a.netns, url)).toEqual({ ok: true, body: out.hostSide });
      expect(await wgetIn(env, i.netns, url)).toEqual({ ok: false, body: "" });
      expect(await ping(env, i.netns, out.outsideSide)).toBe(false);
      expect(await ping(env, i.netns, secret.gateway)).toBe(true);
      expect(await ping(env, i.netns, front.gateway)).toBe(false);
      expect(await ping(env, a.netns, i.ip)).toBe(false);
    } finally {
      await env.finish();
      rmSync(www, { recursive: true, force: true });
    }
  });

  it("publishes tcp and udp ports: from the host (loopback, own address) and from an outside netns", async () => {
    const env = netEnv();
    const www = whoAmIServerDir();
    try {
      const b1 = await env.bridge("front");
      const a = await env.container("a", b1, 2);
      const b = await env.container("b", b1, 3);
      env.background(a.netns, ["busybox", "httpd", "-f", "-p", "80", "-h", www]);
      // busybox nc has no UDP: a tiny Node echo server in the netns answers with the sender's address.
      const echo =
        'const s=require("node:dgram").createSocket("udp4");' +
        's.on("message",(m,r)=>s.send(r.address+" "+m,r.port,r.address));s.bind(9999);';
      env.background(a.netns, [process.execPath, "-e", echo]);

      const ip = new IpCommand(env.runner);
      const link = await env.outside();
      const taken = new Set<number>();
      const allPort = await pickFreeHostPort({ protocol: "tcp", exclude: taken });
      taken.add(allPort);
      const loopPort = await pickFreeHostPort({ protocol: "tcp", exclude: taken });
      const udpPort = await pickFreeHostPort({ protocol: "udp", exclude: new Set() });
      await env.firewall.apply({
        networks: [b1],
        forwards: [
          { protocol: "tcp", hostPort: allPort, containerIp: a.ip, containerPort: 80, bridge: b1.bridge },
          {
            protocol: "tcp",
            hostIp: "127.0.0.1",
            hostPort: loopPort,
            containerIp: a.ip,
            containerPort: 80,
            bridge: b1.bridge,
          },
          { protocol: "udp", hostPort: udpPort, containerIp: a.ip, containerPort: 9999, bridge: b1.bridge },
        ],
      });

      const own = (await ip.addresses()).find(
        (entry) =>
          entry.ifname !== "lo" && !entry.ifname.startsWith("berth") && !entry.cidr.startsWith("127."),
      );
      expect(own, "the host has an address besides loopback and berth links").toBeDefined();
      const ownIp = own?.cidr.split("/")[0] ?? "";

      // Loopback clients are masqueraded to the gateway; the host's own address is kept as is.
      expect(await eventually(() => httpGet(`http://127.0.0.1:${allPort}/cgi-bin/ip`))).toBe(b1.gateway);
      expect(await httpGet(`http://${ownIp}:${allPort}/cgi-bin/ip`)).toBe(ownIp);
      expect(await httpGet(`http://127.0.0.1:${loopPort}/cgi-bin/ip`)).toBe(b1.gateway);
      await expect(httpGet(`http://${ownIp}:${loopPort}/cgi-bin/ip`)).rejects.toMatchObject({
        code: "ECONNREFUSED",
      });

      // Hairpin: a peer on the same bridge reaches the published port through the host and keeps its
      // address; the container itself reaching its own published port is masqueraded to the gateway.
      expect(await wgetIn(env, b.netns, `http://${b1.gateway}:${allPort}/cgi-bin/ip`)).toEqual({
        ok: true,
        body: b.ip,
      });
      expect(await wgetIn(env, a.netns, `http://${ownIp}:${allPort}/cgi-bin/ip`)).toEqual({
        ok: true,
        body: b1.gateway,
      });

      // An outside client keeps its own source address.
      const fetched = await wgetIn(env, link.netns, `http://${link.hostSide}:${allPort}/cgi-bin/ip`);
      expect(fetched).toEqual({ ok: true, body: link.outsideSide });

      // UDP: a datagram to the host port reaches the container, and its answer comes back.
      const socket = createSocket("udp4");
      try {
        const answers: string[] = [];
        socket.on("message", (message) => answers.push(message.toString("utf8")));
        const answer = await eventually(async () => {
          socket.send("hello-udp", udpPort, "127.0.0.1");
          await nodeClock().sleep(20);
          return answers[0];
        });
        expect(answer).toBe(`${b1.gateway} hello-udp`);
      } finally {
        socket.close();
      }
    } finally {
      await env.finish();
      rmSync(www, { recursive: true, force: true });
    }
  });
});
