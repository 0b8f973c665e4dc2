import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileForwardingMemo } from "../../../src/engine/networks/forwarding-memo.js";
import { ensureForwarding, restoreForwarding } from "../../../src/engine/networks/ip-forward.js";
import { FakeNetworkHost } from "../../../src/network/index.js";

// ip_forward is set back to the host's value from before the FIRST berth engine, whichever engine
// (root, instance) removes the last berth bridge: one memo per host, claimed once.

const bridge = (name: string, third: number) => ({
  name,
  subnet: `10.9.${third}.0/24`,
  gateway: `10.9.${third}.1`,
});

describe("ip_forward across engines on one host", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "berth-fwd-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is restored to the first value found once the last berth bridge of any engine is gone", async () => {
    const host = new FakeNetworkHost();
    await host.setSysctl("net.ipv4.ip_forward", "0");
    const path = join(dir, "ip-forward.orig");
    const first = fileForwardingMemo(path);
    const second = fileForwardingMemo(path);

    await ensureForwarding(host, first);
    await host.ensureBridge(bridge("berthaaaaaaaaaa", 1));
    await ensureForwarding(host, second); // finds 1, which berth set: must not become the memo
    await host.ensureBridge(bridge("berthbbbbbbbbbb", 2));
    expect(await host.readSysctl("net.ipv4.ip_forward")).toBe("1");
    expect(await second.read()).toBe("0");

    await host.deleteBridge("berthaaaaaaaaaa");
    await restoreForwarding(host, first, 0); // the other engine's bridge is still there
    expect(await host.readSysctl("net.ipv4.ip_forward")).toBe("1");

    await restoreForwarding(host, second, 1); // that engine still has a network
    expect(await host.readSysctl("net.ipv4.ip_forward")).toBe("1");

    await host.deleteBridge("berthbbbbbbbbbb");
    await restoreForwarding(host, second, 0);
    expect(await host.readSysctl("net.ipv4.ip_forward")).toBe("0");
    expect(existsSync(path)).toBe(false);
  });

  it("leaves a host that already forwarded as it was", async () => {
    const host = new FakeNetworkHost();
    await host.setSysctl("net.ipv4.ip_forward", "1");
    const memo = fileForwardingMemo(join(dir, "ip-forward.orig"));
    await ensureForwarding(host, memo);
    await host.ensureBridge(bridge("berthcccccccccc", 3));
    await host.deleteBridge("berthcccccccccc");
    await restoreForwarding(host, memo, 0);
    expect(await host.readSysctl("net.ipv4.ip_forward")).toBe("1");
    expect(await memo.read()).toBeUndefined();
  });
});
