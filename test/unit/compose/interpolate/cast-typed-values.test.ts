import { describe, expect, it } from "vitest";
import {
  castTypedValues,
  matches,
  toBoolean,
  toFloat,
  toInteger,
} from "../../../../src/compose/interpolate/index.js";
import { TaggedValue } from "../../../../src/compose/tree.js";

describe("castTypedValues", () => {
  it("casts strings at compose's typed paths and leaves everything else", () => {
    const tree = {
      services: {
        web: {
          image: "123",
          deploy: {
            replicas: "3",
            restart_policy: { max_attempts: "5" },
            update_config: { max_failure_ratio: "0.5" },
          },
          ports: [{ target: "80", published: "8080" }, { target: "80", published: "8000-8010" }, "80:80"],
          healthcheck: { retries: "2", disable: "false" },
          read_only: "true",
          tty: "yes",
          stdin_open: "OFF",
          privileged: "maybe",
          cpus: "1.5",
          depends_on: { db: { condition: "service_started", required: "false", restart: "true" } },
          ulimits: { nproc: "65535", nofile: { soft: "1024", hard: "2048" } },
          volumes: [
            { type: "volume", source: "data", target: "/d", read_only: "1", volume: { nocopy: "true" } },
          ],
          environment: { REPLICAS: "3" },
        },
      },
      networks: { front: { external: "true", internal: "no" } },
      volumes: { data: { external: "false" } },
      secrets: { s: { external: "TRUE" } },
      configs: { c: { external: "on" } },
    };
    expect(castTypedValues(tree)).toEqual({
      services: {
        web: {
          image: "123",
          deploy: {
            replicas: 3,
            restart_policy: { max_attempts: 5 },
            update_config: { max_failure_ratio: 0.5 },
          },
          ports: [{ target: 80, published: 8080 }, { target: 80, published: "8000-8010" }, "80:80"],
          healthcheck: { retries: 2, disable: false },
          read_only: true,
          tty: true,
          stdin_open: false,
          privileged: "maybe",
          cpus: 1.5,
          depends_on: { db: { condition: "service_started", required: false, restart: true } },
          ulimits: { nproc: 65535, nofile: { soft: 1024, hard: 2048 } },
          volumes: [
            { type: "volume", source: "data", target: "/d", read_only: "1", volume: { nocopy: true } },
          ],
          environment: { REPLICAS: "3" },
        },
      },
      networks: { front: { external: true, internal: false } },
      volumes: { data: { external: false } },
      secrets: { s: { external: true } },
      configs: { c: { external: true } },
    });
  });

  it("looks through tags and honours a path prefix and custom rules", () => {
    expect(
      castTypedValues(
        { replicas: new TaggedValue("!override", "2") },
        { pathPrefix: ["services", "a", "deploy"] },
      ),
    ).toEqual({
      replicas: new TaggedValue("!override", 2),
    });
    expect(castTypedValues({ x: { n: "7" } }, { rules: [{ pattern: ["*", "n"], cast: toInteger }] })).toEqual(
      {
        x: { n: 7 },
      },
    );
  });

  it("reads numbers as Go's strconv does, refusing what it would refuse", () => {
    expect(["42", "+7", "-3", "007"].map(toInteger)).toEqual([42, 7, -3, 7]);
    expect(["4.2", "1e3", "", " 1", "0x10", "1_000", "99999999999999999999"].map(toInteger)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(["1.5", ".5", "2", "1e-2", "-0.25"].map(toFloat)).toEqual([1.5, 0.5, 2, 0.01, -0.25]);
    expect(["abc", "1.2.3", "", "1e999"].map(toFloat)).toEqual([undefined, undefined, undefined, undefined]);
    expect(["True", "Y", "no", "Off", "2"].map(toBoolean)).toEqual([true, true, false, false, undefined]);
  });

  it("matches `*` against any segment and `[]` against list indexes only", () => {
    expect(
      matches(["services", "web", "ports", 0, "target"], ["services", "*", "ports", "[]", "target"]),
    ).toBe(true);
    expect(
      matches(["services", "web", "ports", "x", "target"], ["services", "*", "ports", "[]", "target"]),
    ).toBe(false);
    expect(matches(["a", 3], ["a", "*"])).toBe(true);
    expect(matches(["a"], ["a", "*"])).toBe(false);
  });
});
