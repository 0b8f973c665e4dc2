import { describe, expect, it } from "vitest";
import { PortReservations } from "../../../../src/engine/networks/port-reservations.js";
import type { HostPortQuery, PortForward } from "../../../../src/network/index.js";
import { BerthError } from "../../../../src/shared/errors.js";

/** A host where `busy` ports are taken by someone else; records what is held now. */
function fakeHold(busy: readonly number[] = []) {
  const open = new Set<string>();
  const hold = (p: HostPortQuery) => {
    const key = `${p.protocol}/${p.hostIp ?? "*"}/${p.port}`;
    if (busy.includes(p.port) || open.has(key)) {
      return Promise.reject(new BerthError("CONFLICT", `port ${p.port} is already allocated`));
    }
    open.add(key);
    return Promise.resolve({
      release: () => {
        open.delete(key);
        return Promise.resolve();
      },
    });
  };
  return { hold, open };
}

const forward = (hostPort: number, extra: Partial<PortForward> = {}): PortForward => ({
  protocol: "tcp",
  hostPort,
  containerIp: "10.213.0.2",
  containerPort: 80,
  bridge: "berth0",
  ...extra,
});

describe("PortReservations", () => {
  it("holds each published port once per container and gives back what is no longer published", async () => {
    const host = fakeHold();
    const reservations = new PortReservations(host.hold);
    await reservations.sync("a", [forward(8080), forward(5353, { protocol: "udp", hostIp: "127.0.0.1" })]);
    expect(reservations.heldBy("a")).toEqual(["tcp/0.0.0.0/8080", "udp/127.0.0.1/5353"]);
    expect([...host.open].sort()).toEqual(["tcp/*/8080", "udp/127.0.0.1/5353"]);
    await reservations.sync("a", [forward(8080)]);
    expect([...host.open]).toEqual(["tcp/*/8080"]);
    await reservations.sync("a", []);
    expect(reservations.heldBy("a")).toEqual([]);
    expect(host.open.size).toBe(0);
  });

  it("a port taken elsewhere fails the sync with its CONFLICT and releases what that sync took", async () => {
    const host = fakeHold([9000]);
    const reservations = new PortReservations(host.hold);
    await reservations.sync("a", [forward(8080)]);
    await expect(reservations.sync("a", [forward(8080), forward(8081), forward(9000)])).rejects.toMatchObject(
      {
        code: "CONFLICT",
      },
    );
    expect(reservations.heldBy("a")).toEqual(["tcp/0.0.0.0/8080"]);
    expect([...host.open]).toEqual(["tcp/*/8080"]);
  });

  it("two containers cannot hold the same port; releaseAll gives everything back", async () => {
    const host = fakeHold();
    const reservations = new PortReservations(host.hold);
    await reservations.sync("a", [forward(8080)]);
    await expect(reservations.sync("b", [forward(8080)])).rejects.toThrow("already allocated");
    await reservations.sync("b", [forward(8081)]);
    await reservations.releaseAll();
    expect(host.open.size).toBe(0);
    expect(reservations.heldBy("a")).toEqual([]);
  });

  it("without a hold function nothing is held and nothing fails", async () => {
    const reservations = new PortReservations(undefined);
    await reservations.sync("a", [forward(8080)]);
    expect(reservations.heldBy("a")).toEqual([]);
  });
});
