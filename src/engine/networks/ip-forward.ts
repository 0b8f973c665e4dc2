import type { NetworkHost } from "../../network/index.js";
import type { ForwardingMemo } from "./forwarding-memo.js";

const IP_FORWARD = "net.ipv4.ip_forward";

/** Sets net.ipv4.ip_forward=1; the value found first is claimed in the host-wide memo before that. */
export async function ensureForwarding(host: NetworkHost, memo: ForwardingMemo): Promise<void> {
  if ((await memo.read()) === undefined) await memo.claim(await host.readSysctl(IP_FORWARD));
  await host.enableForwarding();
}

/**
 * Puts ip_forward back to the memo's value once this engine has no network left (`networks` = 0) and
 * no berth link is left on the host (other engines' bridges included).
 */
export async function restoreForwarding(
  host: NetworkHost,
  memo: ForwardingMemo,
  networks: number,
): Promise<void> {
  if (networks > 0) return;
  if ((await host.listLinks("berth")).length > 0) return;
  const value = await memo.read();
  if (value === undefined) return;
  await host.setSysctl(IP_FORWARD, value);
  await memo.clear();
}
