import type { Command } from "commander";
import { checkIpv4, checkLink } from "../../../app/networks/network-attachments.js";
import {
  connectNetwork,
  disconnectNetwork,
  pruneNetworks,
  removeNetworks,
} from "../../../app/networks/network-ops.js";
import type { EndpointConfig } from "../../../app/networks/network-types.js";
import { BerthError } from "../../../shared/errors.js";
import type { CliContext } from "../../cli-context.js";
import { engineClient } from "../../engine-connection.js";
import { collect } from "../../global-options.js";
import { reportFailures } from "../container/each.js";
import { parseFilterFlags } from "../container/ps.js";
import { parseInteger, parseKeyValue } from "../container/run-parsers.js";
import { confirm } from "./confirm.js";
import { dockerStatus } from "./docker-status.js";

interface ConnectFlags {
  alias: string[];
  ip?: string;
  link: string[];
  driverOpt: string[];
  gwPriority?: string;
}

const pruneWarning =
  "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ";

function endpointOf(flags: ConnectFlags): EndpointConfig {
  const endpoint: EndpointConfig = {};
  if (flags.ip !== undefined) endpoint.IPAMConfig = { IPv4Address: checkIpv4(flags.ip, "--ip") };
  if (flags.link.length > 0) endpoint.Links = flags.link.map((link) => checkLink(link));
  if (flags.alias.length > 0) endpoint.Aliases = flags.alias;
  if (flags.driverOpt.length > 0) {
    endpoint.DriverOpts = Object.fromEntries(
      flags.driverOpt.map((o) => parseKeyValue(o, "--driver-opt", false)),
    );
  }
  if (flags.gwPriority !== undefined) endpoint.GwPriority = parseInteger(flags.gwPriority, "--gw-priority");
  return endpoint;
}

/** Adds `network connect`, `disconnect`, `rm` (alias `remove`) and `prune`. */
export function addNetworkManageCommands(parent: Command, context: CliContext): void {
  parent
    .command("connect")
    .description("Connect a container to a network")
    .argument("<network>", "the network (name or id)")
    .argument("<container>", "the container (name or id)")
    .option("--alias <alias>", "add network-scoped alias for the container (repeatable)", collect, [])
    .option("--ip <address>", "IPv4 address (e.g. 172.30.100.104)")
    .option("--link <name[:alias]>", "add link to another container (repeatable)", collect, [])
    .option("--driver-opt <KEY=VALUE>", "driver options for the network (repeatable)", collect, [])
    .option("--gw-priority <int>", "the network's priority as the container's default gateway")
    .action((network: string, container: string, flags: ConnectFlags) =>
      dockerStatus(async () => {
        const endpoint = endpointOf(flags);
        await connectNetwork(await engineClient(context), { network, container, endpoint });
      }),
    );
  parent
    .command("disconnect")
    .description("Disconnect a container from a network")
    .argument("<network>", "the network (name or id)")
    .argument("<container>", "the container (name or id)")
    .option("-f, --force", "force the container to disconnect from a network")
    .action((network: string, container: string, flags: { force?: boolean }) =>
      dockerStatus(async () => {
        const force = flags.force === true;
        await disconnectNetwork(await engineClient(context), { network, container, force });
      }),
    );
  parent
    .command("rm")
    .alias("remove")
    .description("Remove one or more networks")
    .argument("<network...>", "networks (names or ids)")
    .option("-f, --force", "do not error if the network does not exist")
    .action(async (names: string[], flags: { force?: boolean }) => {
      const { done, failed } = await removeNetworks(await engineClient(context), names);
      for (const name of done) context.stdout(`${name}\n`);
      const missing = (error: unknown) => error instanceof BerthError && error.code === "NOT_FOUND";
      await reportFailures(context, flags.force ? failed.filter((f) => !missing(f.error)) : failed);
    });
  parent
    .command("prune")
    .description("Remove all unused networks")
    .option("-f, --force", "do not prompt for confirmation")
    .option("--filter <filter>", "provide filter values (e.g. 'until=<timestamp>') (repeatable)", collect, [])
    .action((flags: { force?: boolean; filter: string[] }) =>
      dockerStatus(async () => {
        const filters = parseFilterFlags(flags.filter);
        if (!flags.force && !(await confirm(context, pruneWarning))) return;
        const deleted = await pruneNetworks(await engineClient(context), filters);
        if (deleted.length === 0) return;
        context.stdout(`Deleted Networks:\n${deleted.map((name) => `${name}\n`).join("")}\n`);
      }),
    );
}
