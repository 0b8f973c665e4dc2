import type { NetworkHost } from "../../network/index.js";
import { errorMessage } from "../../shared/errors.js";
import { type EngineCore, saveRecord } from "../core/engine-core.js";
import { tearDownNetworking } from "./container-networking.js";
import type { NetworkManager } from "./network-manager.js";
import { isLive } from "./networking-view.js";

/** The netns names of an instance's containers, found by prefix (12 hex digits after it). */
export async function instanceNetns(host: NetworkHost, instance: string): Promise<string[]> {
  const prefix = `berth-${instance}-`;
  return (await host.listNetns(prefix)).filter((name) => /^[0-9a-f]{12}$/.test(name.slice(prefix.length)));
}

/**
 * After containers are adopted: containers that are not running give back their netns and addresses
 * (what a crash left), netns of no live container are deleted, and the firewall is applied from state
 * (the live containers' ports come back with it; their DNS names answer from their records).
 */
export async function sweepNetworking(core: EngineCore, manager: NetworkManager): Promise<void> {
  for (const record of [...core.records.values()]) {
    if (isLive(record)) continue;
    const attached = Object.values(record.endpoints ?? {}).some((e) => e.ip !== undefined);
    if (!attached && !record.ports) continue;
    await tearDownNetworking(core, manager, record);
    await saveRecord(core, record);
  }
  for (const record of core.records.values()) {
    if (!isLive(record) || !record.ports?.length) continue;
    // The dead engine's sockets are gone: hold the ports again (a program that took one meanwhile wins).
    await manager.reservations.sync(record.id, record.ports).catch((error: unknown) => {
      core.log.warn(`published ports of ${record.name}: ${errorMessage(error)}`);
    });
  }
  const live = new Set(
    [...core.records.values()]
      .filter((r) => isLive(r) && r.spec.network.mode === "netns" && !r.netnsOf)
      .map((r) => manager.names.netns(r.id)),
  );
  for (const name of await instanceNetns(manager.deps.host, core.paths.instance)) {
    if (live.has(name)) continue;
    await manager.deps.host
      .deleteNetns(name)
      .catch((error: unknown) => core.log.warn(`netns ${name}: ${errorMessage(error)}`));
  }
  await manager.applyFirewall();
}
