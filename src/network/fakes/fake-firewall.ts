import type { Firewall } from "../linux/nft-firewall.js";
import type { FirewallState } from "../nft/ruleset.js";

/** An in-memory `Firewall`: keeps the last applied state (undefined once removed) and counts applies. */
export class FakeFirewall implements Firewall {
  state: FirewallState | undefined;
  applies = 0;

  async apply(state: FirewallState): Promise<void> {
    this.state = { networks: [...state.networks], forwards: [...state.forwards] };
    this.applies++;
  }

  async remove(): Promise<void> {
    this.state = undefined;
  }

  async exists(): Promise<boolean> {
    return this.state !== undefined;
  }
}
