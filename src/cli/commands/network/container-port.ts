import type { Command } from "commander";
import { inspectContainers } from "../../../app/containers/container-ops.js";
import { portLines } from "../../../app/networks/display-ports.js";
import { parsePortRange } from "../../../app/networks/publish-spec.js";
import { BerthError } from "../../../shared/errors.js";
import type { CliContext } from "../../cli-context.js";
import { ExitStatus } from "../../command-exit.js";
import { engineClient } from "../../engine-connection.js";

/** Adds `port CONTAINER [PRIVATE_PORT[/PROTO]]`: the public addresses of a container's published ports. */
export function addPortCommand(parent: Command, context: CliContext): void {
  parent
    .command("port")
    .description("List port mappings or a specific mapping for the container")
    .argument("<container>", "the container (name or id)")
    .argument("[port]", "PRIVATE_PORT[/PROTO]")
    .action(async (container: string, port: string | undefined) => {
      if (port !== undefined && parsePortRange(port.split("/")[0] ?? "") === undefined) {
        throw new ExitStatus(1, new BerthError("INVALID_ARGUMENT", `invalid port (${port})`));
      }
      const { found, failed } = await inspectContainers(await engineClient(context), [container]);
      const inspected = found[0];
      if (inspected === undefined) throw new ExitStatus(1, failed[0]?.error);
      const lines = portLines(inspected.NetworkSettings.Ports, port);
      if (lines === undefined) {
        const reason = `No public port '${port}' published for ${container}`;
        throw new ExitStatus(1, new BerthError("NOT_FOUND", reason));
      }
      for (const line of lines) context.stdout(`${line}\n`);
    });
}
