import type { CommandRunner } from "../../shared/ports.js";
import { deleteTableScript, type FirewallState, renderRuleset } from "../nft/ruleset.js";
import { NetworkCommandError } from "./command-error.js";

/** The instance's packet filter: one nftables table replaced atomically on every change. */
export interface Firewall {
  /** Replaces the table with the rules of the state (one transaction). */
  apply(state: FirewallState): Promise<void>;
  /** Deletes the table; nothing when it is absent. */
  remove(): Promise<void>;
  exists(): Promise<boolean>;
}

/** `Firewall` on `nft -f -`, owning exactly the table `ip TABLE` (never touches another table). */
export function nftFirewall(runner: CommandRunner, table: string, binary = "nft"): Firewall {
  const script = async (text: string): Promise<void> => {
    const argv = [binary, "-f", "-"];
    const result = await runner.run(argv, { input: text });
    if (result.exitCode !== 0) {
      throw new NetworkCommandError({ argv, exitCode: result.exitCode, stderr: result.stderr, input: text });
    }
  };
  return {
    apply: (state) => script(renderRuleset(table, state)),
    remove: () => script(deleteTableScript(table)),
    async exists() {
      const result = await runner.run([binary, "-t", "list", "table", "ip", table]);
      return result.exitCode === 0;
    },
  };
}
