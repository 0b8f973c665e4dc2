import type { NetworkCreateBody } from "../../api/index.js";
import { upstreamsFromResolvConf } from "../../network/dns/index.js";
import { type KernelNames, kernelNames } from "../../network/index.js";
import { BerthError, errorMessage, NotFoundError } from "../../shared/errors.js";
import type { EngineCore } from "../core/engine-core.js";
import { nowIso } from "../core/engine-core.js";
import { crashPoint } from "../util/crash-point.js";
import type { NetworkRef } from "./endpoint-plan.js";
import { type ForwardingMemo, memoryForwardingMemo } from "./forwarding-memo.js";
import { ensureForwarding, restoreForwarding } from "./ip-forward.js";
import { type NetworkCreateSpec, networkCreateSpec } from "./network-create-spec.js";
import type { DnsServerLike, NetworkDeps } from "./network-deps.js";
import { builtinNetworkId, DEFAULT_NETWORK, forbidden, networksDir } from "./network-ids.js";
import { planNetworkIpam } from "./network-ipam.js";
import { type NetworkRecord, NetworkStore } from "./network-record.js";
import {
  dnsLookup,
  dnsReverse,
  dnsUpstreams,
  firewallStateOf,
  type NetworkingView,
} from "./networking-view.js";
import { PortReservations } from "./port-reservations.js";

/** The lock key of network creations and removals. */
const LOCK = "networks";

/** The engine's networks: records, bridges, the embedded DNS, the firewall table and ip_forward. */
export class NetworkManager {
  readonly records = new Map<string, NetworkRecord>();
  readonly names: KernelNames;
  readonly store: NetworkStore;
  private readonly forwarding: ForwardingMemo;
  readonly defaultId: string;
  /** Host ports held open for the containers' published ports. */
  readonly reservations: PortReservations;
  private readonly dns: DnsServerLike;
  private firewallChain: Promise<void> = Promise.resolve();
  private hostUpstreams: readonly string[] = [];

  constructor(
    private readonly core: EngineCore,
    readonly deps: NetworkDeps,
  ) {
    this.names = kernelNames(core.paths.instance);
    this.store = new NetworkStore(networksDir(core.paths.root));
    this.forwarding = deps.forwardingMemo ?? memoryForwardingMemo();
    this.defaultId = builtinNetworkId(core.paths.instance, DEFAULT_NETWORK);
    this.reservations = new PortReservations(deps.ports.hold);
    this.dns = deps.dns({
      lookup: (q) => dnsLookup(this.view(), q),
      reverse: (q) => dnsReverse(this.view(), q),
      upstreams: (q) => dnsUpstreams(this.view(), q, this.hostUpstreams),
      log: (message) => core.log.debug(`dns: ${message}`),
    });
  }

  /** Networks and containers as they are now (DNS answers and firewall rules derive from it). */
  view(): NetworkingView {
    return { networks: [...this.records.values()], containers: [...this.core.records.values()] };
  }

  /** A network by name, full id or unique id prefix; "bridge" is known before its first use. */
  resolve(text: string): NetworkRef {
    if (text === DEFAULT_NETWORK || text === this.defaultId) {
      return { id: this.defaultId, name: DEFAULT_NETWORK, isDefault: true };
    }
    const record = this.find(text);
    return { id: record.id, name: record.name, isDefault: record.builtin };
  }

  /** A user network's record by name, id or unique id prefix; Docker's 404 otherwise. */
  find(text: string): NetworkRecord {
    const all = [...this.records.values()];
    const hit =
      all.find((r) => r.id === text) ??
      all.find((r) => r.name === text) ??
      (() => {
        const prefixed = /^[0-9a-f]+$/.test(text) ? all.filter((r) => r.id.startsWith(text)) : [];
        if (prefixed.length > 1)
          throw new BerthError(
            "INVALID_ARGUMENT",
            `network ${text} is ambiguous (${prefixed.length} matches found based on ID prefix)`,
          );
        return prefixed[0];
      })();
    if (!hit) throw new NotFoundError(`network ${text} not found`, { details: { network: text } });
    return hit;
  }

  /** On engine start: undoes half-made networks, re-makes missing bridges, serves DNS on every gateway. */
  async adopt(): Promise<void> {
    this.hostUpstreams = upstreamsFromResolvConf(await this.core.resolvConf());
    for (const record of await this.store.load()) {
      if (record.phase === "creating") {
        await this.deps.host.deleteBridge(record.bridge).catch(() => undefined);
        await this.store.remove(record.id);
        this.core.log.info(`removed the half-made network ${record.name}`);
        continue;
      }
      this.records.set(record.id, record);
      await this.makeBridge(record);
      await this.dns.listen(record.ipam.gateway).catch((error: unknown) => {
        this.core.log.warn(`dns on ${record.ipam.gateway} (${record.name}): ${errorMessage(error)}`);
      });
    }
  }

  /** Stops the DNS server and releases held ports (bridges and rules stay: containers keep running). */
  async close(): Promise<void> {
    await this.dns.closeAll();
    await this.reservations.releaseAll();
  }

  /** POST /networks/create. */
  create(body: NetworkCreateBody): Promise<NetworkRecord> {
    const spec = networkCreateSpec(body);
    return this.core.mutex.run(LOCK, () => this.make(spec, false));
  }

  /** The default network, made on first use. */
  ensureDefault(): Promise<NetworkRecord> {
    const existing = this.records.get(this.defaultId);
    if (existing) return Promise.resolve(existing);
    return this.core.mutex.run(LOCK, async () => {
      const again = this.records.get(this.defaultId);
      if (again) return again;
      const spec: NetworkCreateSpec = {
        name: DEFAULT_NETWORK,
        internal: false,
        attachable: false,
        labels: {},
        options: { "com.docker.network.bridge.default_bridge": "true" },
        ipam: {},
      };
      return this.make(spec, true);
    });
  }

  private async make(spec: NetworkCreateSpec, builtin: boolean): Promise<NetworkRecord> {
    const all = [...this.records.values()];
    if (all.some((r) => r.name === spec.name)) {
      throw new BerthError("CONFLICT", `network with name ${spec.name} already exists`, {
        details: { network: spec.name },
      });
    }
    const id = builtin ? this.defaultId : this.core.random(32).toString("hex");
    const bridge = spec.bridgeName ?? this.names.bridge(id);
    if (all.some((r) => r.bridge === bridge)) {
      throw new BerthError("CONFLICT", `bridge ${bridge} is already used by another network`);
    }
    const lock = this.deps.subnetLock ?? ((fn) => fn());
    const record = await lock(async () => {
      const ipam = await planNetworkIpam(spec.ipam, [...this.records.values()], this.deps);
      const made: NetworkRecord = {
        id,
        name: spec.name,
        driver: "bridge",
        bridge,
        created: nowIso(this.core),
        internal: spec.internal,
        attachable: spec.attachable,
        labels: spec.labels,
        options: spec.options,
        ipam,
        ...(spec.mtu ? { mtu: spec.mtu } : {}),
        builtin,
        phase: "creating",
      };
      await this.store.save(made);
      try {
        await ensureForwarding(this.deps.host, this.forwarding);
        await this.makeBridge(made);
        crashPoint("network.bridge-created");
      } catch (error: unknown) {
        await this.deps.host.deleteBridge(bridge).catch(() => undefined);
        await this.store.remove(id);
        throw error;
      }
      return made;
    });
    try {
      record.phase = "ready";
      await this.store.save(record);
      this.records.set(id, record);
      await this.dns.listen(record.ipam.gateway);
      await this.applyFirewall();
    } catch (error: unknown) {
      this.records.delete(id);
      await this.dns.close(record.ipam.gateway).catch(() => undefined);
      await this.deps.host.deleteBridge(bridge).catch(() => undefined);
      await this.store.remove(id);
      await this.applyFirewall().catch(() => undefined);
      throw error;
    }
    this.emit(record, "create");
    return record;
  }

  private async makeBridge(record: NetworkRecord): Promise<void> {
    await this.deps.host.ensureBridge({
      name: record.bridge,
      subnet: record.ipam.subnet,
      gateway: record.ipam.gateway,
      ...(record.mtu ? { mtu: record.mtu } : {}),
    });
  }

  /** DELETE /networks/{id}: refused for predefined networks and while any container is on it. */
  remove(text: string): Promise<void> {
    return this.core.mutex.run(LOCK, async () => {
      if (text === "host" || text === "none" || text === DEFAULT_NETWORK || text === this.defaultId) {
        const name = text === this.defaultId ? DEFAULT_NETWORK : text;
        throw forbidden(`${name} is a pre-defined network and cannot be removed`);
      }
      const record = this.find(text);
      if (record.builtin) throw forbidden(`${record.name} is a pre-defined network and cannot be removed`);
      const users = this.usersOf(record.id);
      if (users.length > 0) {
        const list = users.map((u) => `name:"${u.name}" id:"${u.id.slice(0, 12)}"`).join(", ");
        throw new BerthError(
          "CONFLICT",
          `error while removing network: network ${record.name} id ${record.id} has active endpoints (${list})`,
          { details: { network: record.name, containers: users.map((u) => u.name) } },
        );
      }
      await this.destroy(record);
    });
  }

  /** Removes a network's bridge, DNS listener and record (no checks; caller holds the lock). */
  async destroy(record: NetworkRecord): Promise<void> {
    this.records.delete(record.id);
    await this.dns.close(record.ipam.gateway).catch(() => undefined);
    await this.deps.host.deleteBridge(record.bridge);
    await this.store.remove(record.id);
    await this.applyFirewall();
    await restoreForwarding(this.deps.host, this.forwarding, this.records.size);
    this.emit(record, "destroy");
  }

  /** POST /networks/prune: removes every unused user network that passes the filters; their names. */
  prune(keep: (record: NetworkRecord) => boolean): Promise<string[]> {
    return this.core.mutex.run(LOCK, async () => {
      const removed: string[] = [];
      for (const record of [...this.records.values()]) {
        if (record.builtin || this.usersOf(record.id).length > 0 || keep(record)) continue;
        await this.destroy(record);
        removed.push(record.name);
      }
      return removed.sort();
    });
  }

  /** Containers (any state) that are on a network. */
  usersOf(networkId: string): { id: string; name: string }[] {
    return [...this.core.records.values()]
      .filter((c) => c.endpoints?.[networkId] !== undefined)
      .map((c) => ({ id: c.id, name: c.name }));
  }

  /** Emits a network event (Docker's attributes: name, type, and the container for connect/disconnect). */
  emit(record: { id: string; name: string }, action: string, container?: string): void {
    this.core.events.emit({
      type: "network",
      action,
      id: record.id,
      attributes: { name: record.name, type: "bridge", ...(container ? { container } : {}) },
    });
  }

  /** Re-applies the firewall from the current state, one apply at a time (the table is replaced atomically). */
  applyFirewall(): Promise<void> {
    const next = this.firewallChain
      .catch(() => undefined)
      .then(async () => {
        const state = firewallStateOf(this.view());
        if (state.networks.length === 0 && state.forwards.length === 0) await this.deps.firewall.remove();
        else await this.deps.firewall.apply(state);
      });
    this.firewallChain = next;
    return next;
  }
}
