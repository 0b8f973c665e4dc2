import { describe, expect, it } from "vitest";
import {
  containerMatchesFilters,
  type EventMessage,
  eventMatchesFilters,
  type FilterableContainer,
  unknownContainerFilters,
} from "../../../src/api/index.js";

const web: FilterableContainer = {
  id: "abc123def",
  name: "web",
  labels: { "com.docker.compose.project": "demo", tier: "front" },
  status: "exited",
  exitCode: 3,
  imageNames: ["busybox", "busybox:latest", "sha256:1234"],
};

describe("container list filters", () => {
  it.each([
    [{ label: ["tier=front"] }, true],
    [{ label: ["tier"] }, true],
    [{ label: ["tier=front", "com.docker.compose.project=demo"] }, true],
    [{ label: ["tier=front", "missing"] }, false],
    [{ name: ["web"] }, true],
    [{ name: ["^/web$"] }, true],
    [{ name: ["we"] }, true],
    [{ name: ["db"] }, false],
    [{ id: ["abc"] }, true],
    [{ id: ["def"] }, false],
    [{ status: ["running", "exited"] }, true],
    [{ status: ["running"] }, false],
    [{ exited: ["3"] }, true],
    [{ exited: ["0"] }, false],
    [{ ancestor: ["busybox:latest"] }, true],
    [{ ancestor: ["alpine"] }, false],
    [{ label: [] }, true],
  ])("%j → %s", (filters, expected) => {
    expect(containerMatchesFilters(web, filters)).toBe(expected);
  });

  it("names unknown filter keys", () => {
    expect(unknownContainerFilters({ label: [], colour: ["red"] })).toEqual(["colour"]);
  });
});

describe("event filters", () => {
  const event: EventMessage = {
    Type: "container",
    Action: "exec_start: sh -c true",
    Actor: { ID: "abc123", Attributes: { name: "web", image: "busybox", tier: "front" } },
    scope: "local",
    time: 1,
    timeNano: 1_000_000_000,
  };
  it.each([
    [{ type: ["container"] }, true],
    [{ type: ["image"] }, false],
    [{ event: ["exec_start"] }, true],
    [{ event: ["start"] }, false],
    [{ container: ["web"] }, true],
    [{ container: ["abc"] }, true],
    [{ image: ["busybox"] }, true],
    [{ label: ["tier=front"] }, true],
    [{ label: ["tier=back"] }, false],
  ])("%j → %s", (filters, expected) => {
    expect(eventMatchesFilters(event, filters)).toBe(expected);
  });
});
