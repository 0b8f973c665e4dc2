import { rm } from "node:fs/promises";
import { kernelNames, linuxNetworkHost, type NetworkHost, nftFirewall } from "../../network/index.js";
import { execaRunner } from "../../platform/execa-runner.js";
import type { CommandRunner } from "../../shared/ports.js";
import type { EnginePaths } from "../paths.js";
import { type ForwardingMemo, fileForwardingMemo } from "./forwarding-memo.js";
import { restoreForwarding } from "./ip-forward.js";
import { instanceNetns } from "./network-adopt.js";
import { networksDir } from "./network-ids.js";
import { NetworkStore } from "./network-record.js";

/** What `cleanupNetworkInstance` removed (kernel object names), for reports and tests. */
export interface NetworkCleanupReport {
  bridges: string[];
  netns: string[];
  table: boolean;
}

/**
 * Removes every network kernel object an engine root/instance owns: the bridges of its network records,
 * its containers' netns (their veths go with them), its nftables table; restores ip_forward (host-wide
 * memo) when no berth link is left; removes the records. For test cleanup and `berth engine reset` (the engine must be stopped).
 */
export async function cleanupNetworkInstance(
  paths: Pick<EnginePaths, "root" | "instance">,
  options: { runner?: CommandRunner; host?: NetworkHost; forwardingMemo?: ForwardingMemo } = {},
): Promise<NetworkCleanupReport> {
  const runner = options.runner ?? execaRunner();
  const host = options.host ?? linuxNetworkHost(runner);
  const names = kernelNames(paths.instance);
  const store = new NetworkStore(networksDir(paths.root));
  const report: NetworkCleanupReport = { bridges: [], netns: [], table: false };
  for (const name of await instanceNetns(host, paths.instance)) {
    await host.deleteNetns(name);
    report.netns.push(name);
  }
  for (const record of await store.load()) {
    if (await host.bridgeExists(record.bridge)) {
      await host.deleteBridge(record.bridge);
      report.bridges.push(record.bridge);
    }
  }
  const firewall = nftFirewall(runner, names.table);
  if (await firewall.exists()) {
    await firewall.remove();
    report.table = true;
  }
  await restoreForwarding(host, options.forwardingMemo ?? fileForwardingMemo(), 0);
  await rm(store.dir, { recursive: true, force: true });
  return report;
}
