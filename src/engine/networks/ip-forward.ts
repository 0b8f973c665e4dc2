import type { NetworkHost } from "../../network/index.js";
import type { NetworkStore } from "./network-record.js";

/** Sets net.ipv4.ip_forward=1, remembering the value before this engine's first network. */
export async function ensureForwarding(host: NetworkHost, store: NetworkStore): Promise<void> {
  const memo = await store.readSysctlMemo();
  const { previous } = await host.enableForwarding();
  if (!memo) await store.writeSysctlMemo({ ipForward: previous });
}

/** Restores ip_forward once this engine has no network left (`networks` = 0) and no berth link remains. */
export async function restoreForwarding(
  host: NetworkHost,
  store: NetworkStore,
  networks: number,
): Promise<void> {
  if (networks > 0) return;
  const memo = await store.readSysctlMemo();
  if (!memo) return;
  if ((await host.listLinks("berth")).length > 0) return;
  await host.setSysctl("net.ipv4.ip_forward", memo.ipForward);
  await store.removeSysctlMemo();
}
