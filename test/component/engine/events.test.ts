import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EventMessage } from "../../../src/api/index.js";
import { type EngineFixture, engineFixture } from "./engine-harness.js";

describe("engine events", () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await engineFixture();
  });
  afterEach(async () => {
    await f.dispose();
  });

  it("streams live events in Docker's shape, filtered, until the client goes", async () => {
    const abort = new AbortController();
    const seen: EventMessage[] = [];
    const reading = (async () => {
      for await (const event of f.engine.events(
        { since: undefined, until: undefined, filters: { type: ["container"], event: ["start", "die"] } },
        abort.signal,
      )) {
        seen.push(event);
        if (seen.length === 2) abort.abort();
      }
    })();
    const id = await f.create({ Labels: { app: "x" } }, "web");
    await f.engine.startContainer(id);
    f.host.exit(id, 9);
    await reading;
    expect(seen.map((e) => e.Action)).toEqual(["start", "die"]);
    expect(seen[1]).toMatchObject({
      Type: "container",
      Actor: { ID: id, Attributes: { app: "x", exitCode: "9", image: "busybox", name: "web" } },
      scope: "local",
      status: "die",
      id,
      from: "busybox",
      time: Math.floor(f.clock.now() / 1000),
      timeNano: f.clock.now() * 1_000_000,
    });
  });

  it("replays the past with since/until and ends at until", async () => {
    const start = f.clock.now() / 1000;
    // Names that no hex id can start with: the container filter also matches id prefixes, as Docker's does.
    await f.create({}, "alpha");
    await f.clock.advance(2000);
    await f.create({}, "bravo");
    const names: string[] = [];
    const signal = new AbortController().signal;
    for await (const event of f.engine.events({ since: start, until: start + 1, filters: {} }, signal)) {
      names.push(event.Actor.Attributes.name ?? "");
    }
    expect(names).toEqual(["alpha"]);
    const label: string[] = [];
    const reading = (async () => {
      const query = { since: start, until: start + 5, filters: { container: ["bravo"] } };
      for await (const event of f.engine.events(query, signal)) label.push(event.Action);
    })();
    await f.engine.startContainer("bravo");
    await f.clock.advance(3001); // until passes: the stream ends
    await reading;
    expect(label).toEqual(["create", "start"]);
  });
});
