import type { HeldPort, HostPortQuery, PortForward } from "../../network/index.js";

/** Holds a host port open (the Linux implementation: `holdHostPort`); CONFLICT when taken. */
export type PortHold = (p: HostPortQuery) => Promise<HeldPort>;

function keyOf(f: Pick<PortForward, "protocol" | "hostIp" | "hostPort">): string {
  return `${f.protocol}/${f.hostIp ?? "0.0.0.0"}/${f.hostPort}`;
}

/**
 * The host ports the engine holds open for its containers' published ports (per container), so that
 * another program or berth instance cannot take them while the DNAT rules point them at a container.
 */
export class PortReservations {
  private readonly held = new Map<string, Map<string, HeldPort>>();

  constructor(private readonly hold: PortHold | undefined) {}

  /**
   * Makes the container's held ports exactly `forwards`: releases the others, holds the missing ones.
   * When one cannot be held, what this call took is released again and the CONFLICT is thrown.
   */
  async sync(containerId: string, forwards: readonly PortForward[]): Promise<void> {
    const mine = this.held.get(containerId) ?? new Map<string, HeldPort>();
    const wanted = new Map(forwards.map((f) => [keyOf(f), f]));
    for (const [key, port] of [...mine.entries()]) {
      if (wanted.has(key)) continue;
      mine.delete(key);
      await port.release();
    }
    const hold = this.hold;
    if (hold) {
      const taken: string[] = [];
      try {
        for (const [key, f] of wanted) {
          if (mine.has(key)) continue;
          const query = { protocol: f.protocol, port: f.hostPort, ...(f.hostIp ? { hostIp: f.hostIp } : {}) };
          mine.set(key, await hold(query));
          taken.push(key);
        }
      } catch (error: unknown) {
        for (const key of taken) {
          await mine.get(key)?.release();
          mine.delete(key);
        }
        throw error;
      }
    }
    if (mine.size > 0) this.held.set(containerId, mine);
    else this.held.delete(containerId);
  }

  /** The ports held for one container ("tcp/0.0.0.0/8080"), sorted (for tests and logs). */
  heldBy(containerId: string): string[] {
    return [...(this.held.get(containerId)?.keys() ?? [])].sort();
  }

  /** Releases everything (engine shutdown: the DNAT rules stay, the containers keep running). */
  async releaseAll(): Promise<void> {
    const all = [...this.held.values()].flatMap((m) => [...m.values()]);
    this.held.clear();
    await Promise.all(all.map((p) => p.release()));
  }
}
