import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { allocateAddress, macFor, NETNS_DIR, parseCidr } from "../../network/index.js";
import { BerthError, errorMessage, NotFoundError } from "../../shared/errors.js";
import type { ImageSide } from "../containers/create-spec.js";
import { type EngineCore, saveRecord } from "../core/engine-core.js";
import type { ContainerRecord } from "../state/container-record.js";
import { crashPoint } from "../util/crash-point.js";
import { endpointOrder } from "./endpoint-plan.js";
import { clearAttachment, type EndpointRecord } from "./endpoint-record.js";
import { etcContentOf } from "./etc-content.js";
import type { NetworkManager } from "./network-manager.js";
import type { NetworkRecord } from "./network-record.js";
import { isLive } from "./networking-view.js";
import { resolvePorts } from "./port-plan.js";

/** The netns path a container with its own network namespace runs in (known at create). */
export function netnsPathOf(manager: NetworkManager, containerId: string): string {
  return join(NETNS_DIR, manager.names.netns(containerId));
}

function addressesUsed(core: EngineCore, networkId: string, except: string): Set<string> {
  const used = new Set<string>();
  for (const record of core.records.values()) {
    const ip = record.id === except ? undefined : record.endpoints?.[networkId]?.ip;
    if (ip) used.add(ip);
  }
  return used;
}

function freeIfname(record: ContainerRecord): string {
  const taken = new Set(Object.values(record.endpoints ?? {}).flatMap((e) => (e.ifname ? [e.ifname] : [])));
  for (let i = 0; ; i++) if (!taken.has(`eth${i}`)) return `eth${i}`;
}

/** Gives an endpoint its address, MAC, veth and interface names (synchronously: no two starts clash). */
function allocate(
  core: EngineCore,
  manager: NetworkManager,
  record: ContainerRecord,
  network: NetworkRecord,
  endpoint: EndpointRecord,
): void {
  const ip = allocateAddress({
    plan: network.ipam,
    used: addressesUsed(core, network.id, record.id),
    ...(endpoint.staticIp ? { requested: endpoint.staticIp } : {}),
    networkName: network.name,
  });
  endpoint.ip = ip;
  endpoint.prefix = parseCidr(network.ipam.subnet).prefix;
  endpoint.gateway = network.ipam.gateway;
  endpoint.macAddress = endpoint.mac ?? macFor(ip);
  endpoint.hostVeth = manager.names.veth(record.id, network.id);
  endpoint.ifname = freeIfname(record);
  endpoint.endpointId = core.random(32).toString("hex");
}

async function attach(
  manager: NetworkManager,
  record: ContainerRecord,
  network: NetworkRecord,
  endpoint: EndpointRecord,
  defaultRoute: boolean,
): Promise<void> {
  if (!endpoint.ip || !endpoint.hostVeth || !endpoint.ifname || !endpoint.macAddress) return;
  await manager.deps.host.attach({
    netns: manager.names.netns(record.id),
    hostVeth: endpoint.hostVeth,
    ifname: endpoint.ifname,
    bridge: network.bridge,
    address: endpoint.ip,
    prefix: endpoint.prefix ?? 24,
    ...(defaultRoute && !network.internal ? { gateway: network.ipam.gateway } : {}),
    mac: endpoint.macAddress,
    ...(network.mtu ? { mtu: network.mtu } : {}),
  });
}

/** Rewrites the container's /etc/hosts and /etc/resolv.conf IN PLACE (they are bind-mounted: no rename). */
export async function writeNetworkEtc(
  core: EngineCore,
  manager: NetworkManager,
  record: ContainerRecord,
): Promise<void> {
  const content = etcContentOf(record, manager.view(), await core.resolvConf());
  const dir = core.store.containerDir(record.id);
  await writeFile(join(dir, "hosts"), content.hosts, { mode: 0o644 });
  await writeFile(join(dir, "resolv.conf"), content.resolvConf, { mode: 0o644 });
}

function networkOf(manager: NetworkManager, id: string, endpoint: EndpointRecord): NetworkRecord {
  const network = manager.records.get(id);
  if (!network)
    throw new NotFoundError(`network ${endpoint.name} not found`, { details: { network: endpoint.name } });
  return network;
}

/**
 * Networking of a start, before the runtime creates the container (caller holds the container's lock):
 * addresses and ports are recorded first (intent), then the netns is made, each endpoint attached
 * (eth0 = primary, default route), /etc files written and the firewall applied. Any failure undoes it all.
 */
export async function setUpNetworking(
  core: EngineCore,
  manager: NetworkManager,
  record: ContainerRecord,
): Promise<void> {
  if (record.netnsOf) {
    const target = core.records.get(record.netnsOf);
    if (!target || !isLive(target)) {
      throw new BerthError("CONFLICT", `cannot join network of a non running container: ${record.netnsOf}`);
    }
    return;
  }
  const endpoints = record.endpoints;
  if (!endpoints || record.spec.network.mode !== "netns") return;
  if (endpoints[manager.defaultId]) await manager.ensureDefault();
  const order = endpointOrder(record.primaryNetwork ?? "", endpoints);
  try {
    for (const id of order) {
      const endpoint = endpoints[id];
      if (endpoint) allocate(core, manager, record, networkOf(manager, id, endpoint), endpoint);
    }
    const primaryId = order[0];
    const primary = primaryId ? manager.records.get(primaryId) : undefined;
    const primaryIp = primaryId ? endpoints[primaryId]?.ip : undefined;
    const taken = new Set(
      [...core.records.values()]
        .filter((c) => c.id !== record.id)
        .flatMap((c) => (c.ports ?? []).map((p) => `${p.protocol}/${p.hostPort}`)),
    );
    record.ports =
      primary && primaryIp
        ? await resolvePorts({
            body: record.body,
            imageExposed: (record.spec.image as ImageSide).exposedPorts ?? [],
            containerIp: primaryIp,
            bridge: primary.bridge,
            taken,
            ports: manager.deps.ports,
          })
        : [];
    await manager.reservations.sync(record.id, record.ports);
    await saveRecord(core, record);
    crashPoint("container.endpoints-saved");
    await manager.deps.host.createNetns(manager.names.netns(record.id));
    crashPoint("container.netns-made");
    for (const [i, id] of order.entries()) {
      const endpoint = endpoints[id];
      if (endpoint) await attach(manager, record, networkOf(manager, id, endpoint), endpoint, i === 0);
    }
    await writeNetworkEtc(core, manager, record);
    if (record.ports.length > 0) await manager.applyFirewall();
  } catch (error: unknown) {
    await tearDownNetworking(core, manager, record);
    throw error;
  }
}

/**
 * Networking of an exit (stop, kill, crash, remove): drops published ports, deletes the netns (its veths
 * go with it) and releases the addresses. Idempotent; the caller saves the record. Never throws.
 */
export async function tearDownNetworking(
  core: EngineCore,
  manager: NetworkManager,
  record: ContainerRecord,
): Promise<void> {
  const hadPorts = (record.ports?.length ?? 0) > 0;
  delete record.ports;
  await manager.reservations
    .sync(record.id, [])
    .catch((error: unknown) =>
      core.log.warn(`releasing the ports of ${record.name}: ${errorMessage(error)}`),
    );
  if (record.spec.network.mode === "netns" && !record.netnsOf) {
    await manager.deps.host.deleteNetns(manager.names.netns(record.id)).catch((error: unknown) => {
      core.log.warn(`could not delete the netns of ${record.name}: ${errorMessage(error)}`);
    });
  }
  for (const endpoint of Object.values(record.endpoints ?? {})) clearAttachment(endpoint);
  if (hadPorts) {
    await manager
      .applyFirewall()
      .catch((error: unknown) => core.log.warn(`firewall: ${errorMessage(error)}`));
  }
}

/** Attaches one more endpoint to a live container (connect): address, veth, /etc files. */
export async function attachLive(
  core: EngineCore,
  manager: NetworkManager,
  record: ContainerRecord,
  network: NetworkRecord,
): Promise<void> {
  const endpoint = record.endpoints?.[network.id];
  if (!endpoint) return;
  allocate(core, manager, record, network, endpoint);
  try {
    await saveRecord(core, record);
    await attach(manager, record, network, endpoint, false);
    await writeNetworkEtc(core, manager, record);
  } catch (error: unknown) {
    if (endpoint.hostVeth)
      await manager.deps.host.detach({ hostVeth: endpoint.hostVeth }).catch(() => undefined);
    clearAttachment(endpoint);
    throw error;
  }
}

/** Detaches one endpoint from a live container (disconnect): veth, its ports, /etc files. */
export async function detachLive(
  manager: NetworkManager,
  record: ContainerRecord,
  network: NetworkRecord,
): Promise<void> {
  const endpoint = record.endpoints?.[network.id];
  if (!endpoint?.hostVeth) return;
  await manager.deps.host.detach({ hostVeth: endpoint.hostVeth });
  const before = record.ports?.length ?? 0;
  record.ports = (record.ports ?? []).filter((p) => p.bridge !== network.bridge);
  await manager.reservations.sync(record.id, record.ports);
  clearAttachment(endpoint);
  if (record.ports.length !== before) await manager.applyFirewall();
}
