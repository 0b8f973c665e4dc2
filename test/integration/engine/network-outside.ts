import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { networkInterfaces } from "node:os";
import { promisify } from "node:util";
import { cidrHosts, linuxNetworkHost, pickSubnet, withSubnetLock } from "../../../src/network/index.js";
import { execaRunner } from "../../../src/platform/execa-runner.js";
import { nodeClock } from "../../../src/platform/node-clock.js";
import { hostLinks } from "./network-child.js";

/** A non-loopback IPv4 address of the host that is not on a berth, docker or podman link. */
export function hostAddress(): string {
  for (const [name, list] of Object.entries(networkInterfaces())) {
    if (/^(berth|docker|br-|veth|cni|podman)/.test(name)) continue;
    const found = list?.find((a) => a.family === "IPv4" && !a.internal);
    if (found) return found.address;
  }
  throw new Error("no host address");
}

const run = promisify(execFile);

/**
 * Node one-liners for both ends: a server that answers every TCP (HTTP) or UDP request with the peer's
 * address, and clients that print what they got back.
 */
export const peerEcho = {
  /** HTTP and UDP on port ARGV[1], answering `from <peer address>`. */
  server:
    'const p=Number(process.argv[1]);const a=(s)=>s.replace(/^::ffff:/,"");' +
    'require("node:http").createServer((q,r)=>r.end("from "+a(q.socket.remoteAddress))).listen(p);' +
    'const u=require("node:dgram").createSocket("udp4");' +
    'u.on("message",(m,r)=>u.send("from "+r.address,r.port,r.address));u.bind(p);',
  /** Sends one UDP datagram to host:port, prints the answer (exit 1 after 3 s of silence). */
  udpClient:
    'const [h,p]=process.argv.slice(1);const s=require("node:dgram").createSocket("udp4");' +
    's.on("message",(m)=>{console.log(String(m));process.exit(0)});' +
    'const send=()=>s.send("hi",Number(p),h);send();setInterval(send,300);setTimeout(()=>process.exit(1),3000);',
  /** One HTTP GET of http://host:port/, prints the body. */
  httpClient:
    'const [h,p]=process.argv.slice(1);require("node:http").get({host:h,port:Number(p),timeout:3000},' +
    '(r)=>{let b="";r.on("data",(c)=>b+=c);r.on("end",()=>{console.log(b);process.exit(0)})})' +
    '.on("error",()=>process.exit(1)).on("timeout",()=>process.exit(1));',
};

/** An "outside host": a netns joined to the host by a veth pair with its own /30, default route to the host. */
export interface OutsideHost {
  netns: string;
  hostVeth: string;
  /** The host's address on the /30 (what the outside host reaches the host by). */
  hostSide: string;
  /** The outside host's own address. */
  outsideSide: string;
  /** Runs node -e SCRIPT ARGS inside the netns; stdout when it exits 0, undefined otherwise. */
  node(script: string, args: readonly string[]): Promise<string | undefined>;
  /** Starts a long-running node -e SCRIPT ARGS inside the netns (killed by PID in remove()). */
  serve(script: string, args: readonly string[]): void;
  /** Kills its processes, deletes the veth pair and the netns; tells which of them is still there. */
  remove(): Promise<{ netns: boolean; link: boolean }>;
}

/** Makes an outside host with unique `berth…` names and a /30 that overlaps no route of the host. */
export async function makeOutsideHost(): Promise<OutsideHost> {
  const tag = randomBytes(5).toString("hex");
  const netns = `berth-out-${tag}`;
  const hostVeth = `berth${tag}`;
  const host = linuxNetworkHost(execaRunner());
  const children: ChildProcess[] = [];
  await host.createNetns(netns);
  const pair = await withSubnetLock(
    async () => {
      const subnet = pickSubnet({
        pools: [{ base: "10.214.0.0/16", size: 30 }],
        taken: await host.takenSubnets(),
      });
      const { first, last } = cidrHosts(subnet);
      await run("ip", ["link", "add", hostVeth, "type", "veth", "peer", "name", "eth0", "netns", netns]);
      await run("ip", ["address", "add", `${first}/30`, "dev", hostVeth]);
      await run("ip", ["link", "set", hostVeth, "up"]);
      return { hostSide: first, outsideSide: last };
    },
    { clock: nodeClock() },
  );
  for (const args of [
    ["address", "add", `${pair.outsideSide}/30`, "dev", "eth0"],
    ["link", "set", "eth0", "up"],
    ["link", "set", "lo", "up"],
    ["route", "add", "default", "via", pair.hostSide],
  ]) {
    await run("ip", ["-n", netns, ...args]);
  }
  return {
    netns,
    hostVeth,
    ...pair,
    node: (script, args) =>
      run("ip", ["netns", "exec", netns, process.execPath, "-e", script, ...args]).then(
        (done) => done.stdout.trim(),
        () => undefined,
      ),
    serve: (script, args) => {
      children.push(
        spawn("ip", ["netns", "exec", netns, process.execPath, "-e", script, ...args], { stdio: "ignore" }),
      );
    },
    remove: async () => {
      for (const child of children) {
        if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
          process.kill(child.pid, "SIGKILL");
        }
      }
      // Deleting the pair first: a veth goes with its netns only when the kernel gets round to it.
      await run("ip", ["link", "del", hostVeth]).catch(() => undefined);
      await host.deleteNetns(netns);
      const netnsLeft = (await host.listNetns("berth-out-")).includes(netns);
      return { netns: netnsLeft, link: hostLinks().has(hostVeth) };
    },
  };
}
