import { execFileSync } from "node:child_process";
import type { Engine } from "../../../src/engine/engine.js";
import { kernelNames } from "../../../src/network/index.js";

/** Kernel names an engine may have made: bridges of the networks it knew, veths of containers × networks. */
export interface NetworkKernelNames {
  bridges: string[];
  veths: string[];
}

/** Collects, from an in-process engine's events and records, every bridge and veth name it could have made. */
export function networkKernelNamesOf(instance: string, engine: Engine): NetworkKernelNames {
  const names = kernelNames(instance);
  const history = engine.core.events.history();
  const containers = new Set(history.filter((e) => e.Type === "container").map((e) => e.Actor.ID));
  for (const id of engine.core.records.keys()) containers.add(id);
  const networks = new Map<string, string>();
  for (const e of history.filter((x) => x.Type === "network"))
    networks.set(e.Actor.ID, names.bridge(e.Actor.ID));
  for (const record of engine.core.networks?.records.values() ?? []) networks.set(record.id, record.bridge);
  const veths = [...containers].flatMap((c) => [...networks.keys()].map((n) => names.veth(c, n)));
  return { bridges: [...networks.values()], veths };
}

/** What of those names (and the instance's netns and nft table) still exists on the host. */
export function networkKernelLeftovers(instance: string, kernel: NetworkKernelNames): string[] {
  const links = new Set(
    (
      JSON.parse(execFileSync("ip", ["-j", "link", "show"], { encoding: "utf8" })) as { ifname: string }[]
    ).map((l) => l.ifname),
  );
  const out = [...kernel.bridges, ...kernel.veths]
    .filter((name) => links.has(name))
    .map((name) => `link ${name}`);
  const netns = execFileSync("ip", ["netns", "list"], { encoding: "utf8" });
  for (const line of netns.split("\n")) {
    const name = line.split(" ")[0] ?? "";
    if (name.startsWith(`berth-${instance}-`)) out.push(`netns ${name}`);
  }
  const table = kernelNames(instance).table;
  const tables = execFileSync("nft", ["list", "tables"], { encoding: "utf8" });
  if (tables.split("\n").some((line) => line.trim() === `table ip ${table}`)) out.push(`nft table ${table}`);
  return out;
}
