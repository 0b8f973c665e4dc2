import { describe, expect, it } from "vitest";
import { NetworkCommandError } from "../../../../src/network/linux/command-error.js";
import { IpCommand } from "../../../../src/network/linux/ip-command.js";
import { nftFirewall } from "../../../../src/network/linux/nft-firewall.js";
import type { CommandResult, CommandRunner, RunOptions } from "../../../../src/shared/ports.js";

/** Records every call and answers from a table keyed by the joined argv. */
function recordingRunner(answers: Record<string, Partial<CommandResult>> = {}) {
  const calls: { argv: string[]; input?: string }[] = [];
  const runner: CommandRunner = {
    async run(argv: readonly string[], options: RunOptions = {}) {
      calls.push({ argv: [...argv], ...(options.input === undefined ? {} : { input: options.input }) });
      const answer = answers[argv.join(" ")] ?? {};
      return { exitCode: 0, stdout: "", stderr: "", ...answer };
    },
  };
  return { runner, calls };
}

const routesJson = JSON.stringify([
  { dst: "default", gateway: "192.0.2.1", dev: "eth0" },
  { dst: "192.0.2.0/24", dev: "eth0" },
  { type: "local", dst: "192.0.2.2", dev: "eth0", table: "local" },
  { type: "broadcast", dst: "127.255.255.255", dev: "lo", table: "local" },
  { dst: "10.213.0.0/24", dev: "berthaaaa" },
  { dst: "172.17.5.9/16", dev: "docker0" },
]);

const addressesJson = JSON.stringify([
  { ifname: "lo", addr_info: [{ family: "inet", local: "127.0.0.1", prefixlen: 8 }] },
  {
    ifname: "eth0",
    addr_info: [
      { family: "inet", local: "192.0.2.2", prefixlen: 24 },
      { family: "inet6", local: "fe80::1", prefixlen: 64 },
    ],
  },
  { ifname: "ifb0", addr_info: [] },
]);

describe("IpCommand", () => {
  it("feeds batches on stdin, in the host or with -n NETNS, and skips empty ones", async () => {
    const { runner, calls } = recordingRunner();
    const ip = new IpCommand(runner);
    await ip.batch(["link add b type bridge", "link set b up"]);
    await ip.batchIn("berth-x-1", ["link set lo up"]);
    await ip.batch([]);
    expect(calls).toEqual([
      { argv: ["ip", "-batch", "-"], input: "link add b type bridge\nlink set b up\n" },
      { argv: ["ip", "-n", "berth-x-1", "-batch", "-"], input: "link set lo up\n" },
    ]);
  });

  it("translates a failure into RUNTIME_COMMAND with the argv and stderr", async () => {
    const { runner } = recordingRunner({
      "ip -batch -": { exitCode: 2, stderr: "RTNETLINK answers: File exists\nCommand failed -:1\n" },
    });
    const error = await new IpCommand(runner).batch(["link add b type bridge"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkCommandError);
    expect(error).toMatchObject({
      code: "RUNTIME_COMMAND",
      argv: ["ip", "-batch", "-"],
      exitCode: 2,
      stderrTail: "RTNETLINK answers: File exists\nCommand failed -:1",
      message: "ip -batch - failed (2): RTNETLINK answers: File exists\nCommand failed -:1",
    });
  });

  it("reads routes of every table without default ones, host routes as /32, normalised", async () => {
    const { runner } = recordingRunner({ "ip -j -4 route show table all": { stdout: routesJson } });
    expect(await new IpCommand(runner).routes()).toEqual([
      "192.0.2.0/24",
      "192.0.2.2/32",
      "127.255.255.255/32",
      "10.213.0.0/24",
      "172.17.0.0/16",
    ]);
  });

  it("reads IPv4 addresses with their prefix and links by name", async () => {
    const { runner } = recordingRunner({
      "ip -j -4 address show": { stdout: addressesJson },
      "ip -j link show": {
        stdout: JSON.stringify([{ ifname: "lo" }, { ifname: "berthaaaa", mtu: 1500 }, {}]),
      },
    });
    const ip = new IpCommand(runner, "ip");
    expect(await ip.addresses()).toEqual([
      { ifname: "lo", cidr: "127.0.0.1/8" },
      { ifname: "eth0", cidr: "192.0.2.2/24" },
    ]);
    expect(await ip.jsonLinks()).toEqual([{ ifname: "lo" }, { ifname: "berthaaaa", mtu: 1500 }]);
  });
});

describe("nftFirewall", () => {
  it("applies the rendered script, removes with the idempotent delete, and lists the table", async () => {
    const { runner, calls } = recordingRunner({ "nft -t list table ip berth_dev": { exitCode: 1 } });
    const firewall = nftFirewall(runner, "berth_dev");
    await firewall.apply({ networks: [], forwards: [] });
    await firewall.remove();
    expect(await firewall.exists()).toBe(false);
    expect(calls.map((c) => c.argv.join(" "))).toEqual([
      "nft -f -",
      "nft -f -",
      "nft -t list table ip berth_dev",
    ]);
    expect(
      calls[0]?.input?.startsWith("table ip berth_dev {}\ndelete table ip berth_dev\ntable ip berth_dev {\n"),
    ).toBe(true);
    expect(calls[1]?.input).toBe("table ip berth_dev {}\ndelete table ip berth_dev\n");
  });

  it("fails with RUNTIME_COMMAND when nft refuses the script", async () => {
    const { runner } = recordingRunner({ "nft -f -": { exitCode: 1, stderr: "Error: syntax error" } });
    await expect(nftFirewall(runner, "berth_dev").remove()).rejects.toMatchObject({
      code: "RUNTIME_COMMAND",
      argv: ["nft", "-f", "-"],
    });
  });
});
