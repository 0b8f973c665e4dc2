import { describe, expect, it } from "vitest";
import {
  ContainerCreateBody,
  ContainerListQuery,
  ContainerLogsQuery,
  ContainerWaitQuery,
  ExecCreateBody,
  encodeFilters,
  parseFilters,
  parseQuery,
  toQueryString,
} from "../../../src/api/index.js";
import { BerthError } from "../../../src/shared/errors.js";

const q = (text: string) => new URLSearchParams(text);

describe("query parameters", () => {
  it("reads booleans as Docker does", () => {
    for (const no of ["", "0", "no", "false", "FALSE", "none"]) {
      expect(parseQuery(ContainerListQuery, q(`all=${no}`)).all, no).toBe(false);
    }
    for (const yes of ["1", "true", "True", "yes", "x"])
      expect(parseQuery(ContainerListQuery, q(`all=${yes}`)).all).toBe(true);
    expect(parseQuery(ContainerListQuery, q("")).all).toBe(false);
  });

  it("parses logs options: tail, since/until with fractions, streams", () => {
    expect(parseQuery(ContainerLogsQuery, q("stdout=1&tail=10&since=1700000000.5&timestamps=1"))).toEqual({
      follow: false,
      stdout: true,
      stderr: false,
      since: 1700000000.5,
      until: undefined,
      timestamps: true,
      tail: 10,
    });
    expect(parseQuery(ContainerLogsQuery, q("tail=all")).tail).toBeUndefined();
    expect(() => parseQuery(ContainerLogsQuery, q("tail=ten"))).toThrow(/invalid tail/);
    expect(() => parseQuery(ContainerLogsQuery, q("since=yesterday"))).toThrow(BerthError);
  });

  it("defaults wait's condition to not-running and rejects unknown ones", () => {
    expect(parseQuery(ContainerWaitQuery, q("")).condition).toBe("not-running");
    expect(parseQuery(ContainerWaitQuery, q("condition=removed")).condition).toBe("removed");
    expect(() => parseQuery(ContainerWaitQuery, q("condition=never"))).toThrow(/condition/);
  });

  it("parses filters in the map form and the legacy list form", () => {
    expect(parseFilters('{"label":{"a=b":true,"c":true,"off":false},"status":{"running":true}}')).toEqual({
      label: ["a=b", "c"],
      status: ["running"],
    });
    expect(parseFilters('{"name":["web"]}')).toEqual({ name: ["web"] });
    expect(parseFilters(undefined)).toEqual({});
    expect(() => parseFilters("[1]")).toThrow(/invalid filters/);
    expect(() => parseFilters('{"label":3}')).toThrow(/invalid filter "label"/);
  });

  it("encodes filters and queries deterministically", () => {
    expect(encodeFilters({ status: ["running"], label: ["z", "a=b"] })).toBe(
      '{"label":{"a=b":true,"z":true},"status":{"running":true}}',
    );
    expect(toQueryString({ b: true, a: 3, c: undefined, filters: { id: ["x"] } })).toBe(
      "?a=3&b=1&filters=%7B%22id%22%3A%7B%22x%22%3Atrue%7D%7D",
    );
    expect(toQueryString({})).toBe("");
  });

  it("encodes lists as repeated parameters in their order, none for an empty list", () => {
    const text = toQueryString({ fromSrc: "-", changes: ['CMD ["a"]', "ENV X=1&y", "ENV B=2"], names: [] });
    expect(text).toBe("?changes=CMD+%5B%22a%22%5D&changes=ENV+X%3D1%26y&changes=ENV+B%3D2&fromSrc=-");
    expect(new URLSearchParams(text.slice(1)).getAll("changes")).toEqual([
      'CMD ["a"]',
      "ENV X=1&y",
      "ENV B=2",
    ]);
  });
});

describe("request bodies", () => {
  it("accepts Docker's create body with nulls, strings for StrSlice, and drops unknown fields", () => {
    const body = ContainerCreateBody.parse({
      Image: "busybox",
      Cmd: "echo hi",
      Entrypoint: null,
      Env: null,
      Future: { x: 1 },
      HostConfig: {
        Binds: ["/a:/b:ro"],
        Memory: 0,
        MemorySwap: -1,
        NanoCpus: 500000000,
        Ulimits: [{ Name: "nofile", Soft: 1024, Hard: 2048 }],
        SecurityOpt: ["no-new-privileges"],
        RestartPolicy: { Name: "on-failure", MaximumRetryCount: 3 },
        Tmpfs: { "/run": "size=64m" },
        Unknown: true,
      },
      NetworkingConfig: { EndpointsConfig: { net1: { Aliases: ["a"], IPAMConfig: null } } },
    });
    expect(body.Cmd).toEqual(["echo hi"]);
    expect(body).not.toHaveProperty("Future");
    expect(body.HostConfig).not.toHaveProperty("Unknown");
    expect(body.HostConfig?.RestartPolicy).toEqual({ Name: "on-failure", MaximumRetryCount: 3 });
    expect(body.NetworkingConfig?.EndpointsConfig?.net1).toEqual({ Aliases: ["a"], IPAMConfig: null });
  });

  it("rejects a create body without an image and an exec without a command", () => {
    expect(ContainerCreateBody.safeParse({ Cmd: ["x"] }).success).toBe(false);
    expect(
      ContainerCreateBody.safeParse({ Image: "x", HostConfig: { RestartPolicy: { Name: "sometimes" } } })
        .success,
    ).toBe(false);
    expect(ExecCreateBody.safeParse({ Cmd: [] }).success).toBe(false);
  });
});
