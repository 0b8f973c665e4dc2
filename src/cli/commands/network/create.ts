import type { Command } from "commander";
import { networkCreateBody } from "../../../app/networks/network-create-body.js";
import { createNetwork } from "../../../app/networks/network-ops.js";
import type { CliContext } from "../../cli-context.js";
import { engineClient } from "../../engine-connection.js";
import { collect } from "../../global-options.js";
import { parseKeyValue } from "../container/run-parsers.js";
import { dockerStatus } from "./docker-status.js";

interface CreateFlags {
  driver?: string;
  subnet: string[];
  ipRange: string[];
  gateway: string[];
  auxAddress: string[];
  internal?: boolean;
  attachable?: boolean;
  ipv6?: boolean;
  label: string[];
  opt: string[];
}

/** Adds `network create NAME`: prints the new network's id. */
export function addNetworkCreateCommand(parent: Command, context: CliContext): void {
  parent
    .command("create")
    .description("Create a network")
    .argument("<network>", "the network's name")
    .option("-d, --driver <driver>", "driver to manage the network", "bridge")
    .option("--subnet <cidr>", "subnet in CIDR format (repeatable)", collect, [])
    .option("--ip-range <cidr>", "allocate container IPs from a sub-range (repeatable)", collect, [])
    .option("--gateway <ip>", "IPv4 gateway of a subnet (repeatable)", collect, [])
    .option("--aux-address <name=ip>", "auxiliary addresses the IPAM keeps free (repeatable)", collect, [])
    .option("--internal", "restrict external access to the network")
    .option("--attachable", "enable manual container attachment")
    .option("--ipv6", "enable IPv6 networking (not supported by berth)")
    .option("--label <KEY=VALUE>", "set metadata on a network (repeatable)", collect, [])
    .option("-o, --opt <KEY=VALUE>", "set driver specific options (repeatable)", collect, [])
    .action((name: string, flags: CreateFlags) =>
      dockerStatus(async () => {
        const body = networkCreateBody({
          name,
          ...(flags.driver !== undefined ? { driver: flags.driver } : {}),
          subnets: flags.subnet,
          ipRanges: flags.ipRange,
          gateways: flags.gateway,
          auxAddresses: flags.auxAddress,
          internal: flags.internal === true,
          attachable: flags.attachable === true,
          ipv6: flags.ipv6 === true,
          labels: Object.fromEntries(flags.label.map((l) => parseKeyValue(l, "--label", true))),
          options: Object.fromEntries(flags.opt.map((o) => parseKeyValue(o, "-o, --opt", true))),
        });
        const created = await createNetwork(await engineClient(context), body);
        if (created.warning !== "") context.stderr(`${created.warning}\n`);
        context.stdout(`${created.id}\n`);
      }),
    );
}
