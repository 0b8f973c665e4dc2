import { execFileSync } from "node:child_process";
import { kernelNames } from "../../../../src/network/index.js";

/**
 * What of the kernel objects an engine instance could have made for these networks and containers
 * still exists: their bridges and veths (by berth's names), the instance's netns and nftables table.
 */
export function kernelLeftovers(instance: string, networkIds: string[], containerIds: string[]): string[] {
  const names = kernelNames(instance);
  const links = new Set(
    (
      JSON.parse(execFileSync("ip", ["-j", "link", "show"], { encoding: "utf8" })) as { ifname: string }[]
    ).map((link) => link.ifname),
  );
  const wanted = [
    ...networkIds.map((n) => names.bridge(n)),
    ...containerIds.flatMap((c) => networkIds.map((n) => names.veth(c, n))),
  ];
  const out = wanted.filter((name) => links.has(name)).map((name) => `link ${name}`);
  const netns = execFileSync("ip", ["netns", "list"], { encoding: "utf8" }).split("\n");
  out.push(...netns.filter((line) => line.startsWith(`berth-${instance}-`)).map((line) => `netns ${line}`));
  const tables = execFileSync("nft", ["list", "tables"], { encoding: "utf8" }).split("\n");
  if (tables.some((line) => line.trim() === `table ip ${names.table}`)) out.push(`nft table ${names.table}`);
  return out;
}
