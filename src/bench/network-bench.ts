import { mkdtemp, rm } from "node:fs/promises";
import { get } from "node:http";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { ContainerCreateBody } from "../api/index.js";
import { EngineClient } from "../client/index.js";
import { type RunningEngine, startEngine } from "../engine/daemon/start-engine.js";
import { cleanupNetworkInstance } from "../engine/networks/cleanup-network-instance.js";
import { execaRunner } from "../platform/execa-runner.js";
import { errorMessage } from "../shared/errors.js";
import { importBusybox, makeBusyboxRootfs } from "./engine-busybox.js";
import { benchLocation, benchRuntime, leftovers, until } from "./engine-host.js";
import { type BenchRow, median, ms } from "./stats.js";

// Issue 4's bench: network create + first attach, attach per extra container (each against the same
// container with no network, measured in the same rounds), and the throughput of a published port as a
// ratio to a direct connection to the container's address (target ≥ 0.8×).

const ROUNDS = 7;
const PAYLOAD_MB = 256;
const THROUGHPUT_TARGET = 0.8;

const sleeper = (network: string): ContainerCreateBody => ({
  Image: "busybox",
  Cmd: ["sleep", "1000"],
  HostConfig: { NetworkMode: network },
});

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function runContainer(client: EngineClient, body: ContainerCreateBody, name: string): Promise<string> {
  const { Id } = await client.createContainer(body, name);
  await client.startContainer(Id);
  return Id;
}

function spread(times: readonly number[]): string {
  return `median of ${times.length}, ${ms(Math.min(...times))}–${ms(Math.max(...times))}`;
}

/** Rounds of: none-network container, network create, first container on it, a second one. */
async function attachRows(client: EngineClient): Promise<BenchRow[]> {
  const none: number[] = [];
  const create: number[] = [];
  const first: number[] = [];
  const extra: number[] = [];
  for (let round = -1; round < ROUNDS; round++) {
    const ids: string[] = [];
    const sample = {
      none: await timed(async () => ids.push(await runContainer(client, sleeper("none"), `n${round}`))),
      create: await timed(() => client.createNetwork({ Name: `bench${round}` })),
      first: await timed(async () =>
        ids.push(await runContainer(client, sleeper(`bench${round}`), `f${round}`)),
      ),
      extra: await timed(async () =>
        ids.push(await runContainer(client, sleeper(`bench${round}`), `x${round}`)),
      ),
    };
    for (const id of ids) await client.removeContainer(id, { force: true });
    await client.removeNetwork(`bench${round}`);
    if (round < 0) continue; // warm-up
    none.push(sample.none);
    create.push(sample.create);
    first.push(sample.first);
    extra.push(sample.extra);
  }
  const floor = median(none);
  const overhead = (times: number[]) => `+${ms(median(times) - floor)} over no network; ${spread(times)}`;
  return [
    { name: "container create+start, no network (reference)", value: ms(floor), note: spread(none) },
    {
      name: "network create (bridge, subnet, firewall, DNS)",
      value: ms(median(create)),
      note: spread(create),
    },
    {
      name: "first container on the new network (create+start)",
      value: ms(median(first)),
      note: overhead(first),
    },
    { name: "each extra container on it (create+start)", value: ms(median(extra)), note: overhead(extra) },
  ];
}

/** Bytes per ms of one GET of the payload. */
function download(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let bytes = 0;
    const req = get({ host, port, path: "/payload", timeout: 60_000 }, (res) => {
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on("end", () => {
        if (bytes !== PAYLOAD_MB * 1024 * 1024)
          reject(new Error(`bench: got ${bytes} bytes from ${host}:${port}`));
        else resolve(bytes / (performance.now() - start));
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`bench: GET ${host}:${port} timed out`)));
    req.on("error", reject);
  });
}

function hostAddress(): string | undefined {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === "IPv4" && !entry.internal && !entry.address.startsWith("10.213."))
        return entry.address;
    }
  }
  return undefined;
}

function mbps(bytesPerMs: number): string {
  return `${((bytesPerMs * 1000) / (1024 * 1024)).toFixed(0)} MiB/s`;
}

/** A busybox httpd serving PAYLOAD_MB from a tmpfs, published on a random host port. */
async function throughputRows(client: EngineClient): Promise<BenchRow[]> {
  await client.createNetwork({ Name: "benchtp" });
  const id = await runContainer(
    client,
    {
      Image: "busybox",
      Cmd: [
        "sh",
        "-c",
        `dd if=/dev/zero of=/www/payload bs=1M count=${PAYLOAD_MB} 2>/dev/null && exec httpd -f -p 8080 -h /www`,
      ],
      ExposedPorts: { "8080/tcp": {} },
      HostConfig: {
        NetworkMode: "benchtp",
        Tmpfs: { "/www": `size=${PAYLOAD_MB + 16}m` },
        PortBindings: { "8080/tcp": [{ HostIp: "", HostPort: "" }] },
      },
    },
    "tp",
  );
  try {
    const inspect = await client.inspectContainer(id);
    const direct = Object.values(inspect.NetworkSettings.Networks)[0]?.IPAddress ?? "";
    const published = Number(inspect.NetworkSettings.Ports["8080/tcp"]?.[0]?.HostPort ?? 0);
    if (!direct || !published) throw new Error("bench: the throughput container has no address or host port");
    await until(
      () =>
        download(direct, 8080).then(
          () => true,
          () => false,
        ),
      "the throughput server",
    );
    const host = hostAddress();
    const paths: { label: string; host: string; port: number }[] = [
      { label: "direct to the container's address", host: direct, port: 8080 },
      { label: "published port via 127.0.0.1", host: "127.0.0.1", port: published },
      ...(host ? [{ label: `published port via the host's address ${host}`, host, port: published }] : []),
    ];
    const rates = new Map<string, number[]>(paths.map((p) => [p.label, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? paths : [...paths].reverse();
      for (const path of order) rates.get(path.label)?.push(await download(path.host, path.port));
    }
    const directRate = median(rates.get(paths[0]?.label ?? "") ?? []);
    return paths.map((path, index) => {
      const rate = median(rates.get(path.label) ?? []);
      const ratio = rate / directRate;
      return {
        name: `HTTP GET of ${PAYLOAD_MB} MiB, ${path.label}`,
        value: mbps(rate),
        note:
          index === 0
            ? `median of ${ROUNDS}`
            : `${ratio.toFixed(2)}× direct (target ≥ ${THROUGHPUT_TARGET}×: ${ratio >= THROUGHPUT_TARGET ? "met" : "NOT met"})`,
      };
    });
  } finally {
    await client.removeContainer(id, { force: true });
    await client.removeNetwork("benchtp");
  }
}

/**
 * The network section of `npm run bench` (needs root): its own engine on a temp root; removes every
 * container, network and kernel object it made and throws when it cannot prove that.
 */
export async function benchNetwork(): Promise<BenchRow[]> {
  const parent = await mkdtemp(join(tmpdir(), "berth-bench-net-"));
  const suffix = `${parent
    .slice(-6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x")}${process.pid}`;
  const location = benchLocation(parent, "net", suffix);
  const runner = execaRunner();
  let running: RunningEngine | undefined;
  let failure: unknown;
  const rows: BenchRow[] = [];
  try {
    const tarPath = join(parent, "busybox-rootfs.tar");
    await makeBusyboxRootfs(runner, tarPath);
    await importBusybox({ root: location.root, tarPath, runner });
    running = await startEngine({ ...location });
    const client = new EngineClient(running.socketPath);
    rows.push(...(await attachRows(client)));
    rows.push(...(await throughputRows(client)));
  } catch (error: unknown) {
    failure = error;
  }
  await running?.stop().catch(() => undefined);
  const problems: string[] = [];
  try {
    await cleanupNetworkInstance(location);
    await benchRuntime(location).cleanupInstance();
  } catch (error: unknown) {
    problems.push(`cleanup: ${errorMessage(error)}`);
  }
  problems.push(...(await leftovers(location, runner)));
  if (problems.length > 0) {
    throw new Error(`bench: the network section left things behind:\n  ${problems.join("\n  ")}`, {
      cause: failure,
    });
  }
  await rm(parent, { recursive: true, force: true });
  if (failure !== undefined) throw failure;
  rows.push({ name: "cleanup: containers, networks, bridges, netns, nft table, mounts", value: "all gone" });
  return rows;
}
