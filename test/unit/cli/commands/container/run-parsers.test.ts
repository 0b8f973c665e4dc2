import { describe, expect, it } from "vitest";
import { createBody } from "../../../../../src/cli/commands/container/run-body.js";
import type { RunFlags } from "../../../../../src/cli/commands/container/run-options.js";
import {
  envEntry,
  parseCpus,
  parseEnvFile,
  parseKeyValue,
  parseMount,
  parseRestart,
  parseTmpfs,
  parseUlimit,
  splitVolume,
} from "../../../../../src/cli/commands/container/run-parsers.js";

const lookup = (key: string) => ({ HOME: "/root" })[key];

describe("env files and -e", () => {
  it("reads KEY=VAL lines, skips comments and blanks, takes bare keys from the environment", () => {
    const text = "\uFEFF# comment\nA=1\n\n  B=two words \nHOME\nUNSET\nC=\nD=x=y\r\n";
    expect(parseEnvFile(text, { file: "app.env", flag: "--env-file", lookup })).toEqual([
      "A=1",
      "B=two words ",
      "HOME=/root",
      "C=",
      "D=x=y",
    ]);
  });

  it("names the flag, file and line of a bad variable", () => {
    expect(() => parseEnvFile("A=1\nBAD KEY=2\n", { file: "app.env", flag: "--env-file", lookup })).toThrow(
      "--env-file app.env: line 2: variable 'BAD KEY' contains whitespaces or is empty",
    );
  });

  it("-e takes KEY=VAL as given and a bare KEY from the environment", () => {
    expect(envEntry("A=b=c", lookup)).toBe("A=b=c");
    expect(envEntry("HOME", lookup)).toBe("HOME=/root");
    expect(envEntry("UNSET", lookup)).toBeUndefined();
    expect(() => envEntry("=x", lookup)).toThrow(/-e, --env/);
  });
});

describe("value flags", () => {
  it("ulimits", () => {
    expect(parseUlimit("nofile=1024:2048")).toEqual({ Name: "nofile", Soft: 1024, Hard: 2048 });
    expect(parseUlimit("nproc=64")).toEqual({ Name: "nproc", Soft: 64, Hard: 64 });
    expect(() => parseUlimit("nofile")).toThrow(/--ulimit/);
    expect(() => parseUlimit("nofile=10:5")).toThrow(/soft limit 10 is above hard limit 5/);
  });

  it("restart policies", () => {
    expect(parseRestart("always")).toEqual({ Name: "always", MaximumRetryCount: 0 });
    expect(parseRestart("on-failure:5")).toEqual({ Name: "on-failure", MaximumRetryCount: 5 });
    expect(() => parseRestart("always:3")).toThrow(/only be used with 'on-failure'/);
    expect(() => parseRestart("sometimes")).toThrow(/invalid restart policy "sometimes"/);
    expect(() => parseRestart("on-failure:x")).toThrow(/non-negative integer/);
  });

  it("cpus, key=value, tmpfs", () => {
    expect(parseCpus("0.5")).toBe(5e8);
    expect(() => parseCpus("many")).toThrow(/--cpus/);
    expect(parseKeyValue("a=b=c", "--sysctl", false)).toEqual(["a", "b=c"]);
    expect(parseKeyValue("flag", "-l, --label", true)).toEqual(["flag", ""]);
    expect(() => parseKeyValue("flag", "--sysctl", false)).toThrow(/--sysctl/);
    expect(parseTmpfs("/run:rw,size=64m")).toEqual(["/run", "rw,size=64m"]);
    expect(parseTmpfs("/tmp")).toEqual(["/tmp", ""]);
    expect(() => parseTmpfs("run")).toThrow(/--tmpfs/);
  });

  it("volumes: binds and anonymous", () => {
    expect(splitVolume("/a:/b:ro")).toEqual({ bind: "/a:/b:ro" });
    expect(splitVolume("data:/var/lib/data")).toEqual({ bind: "data:/var/lib/data" });
    expect(splitVolume("/anon")).toEqual({ anonymous: "/anon" });
    expect(() => splitVolume("a:b")).toThrow(/-v, --volume/);
    expect(() => splitVolume("rel")).toThrow(/absolute/);
  });

  it("--mount", () => {
    expect(parseMount("type=bind,src=/a,dst=/b,readonly,bind-propagation=rprivate")).toEqual({
      Type: "bind",
      Source: "/a",
      Target: "/b",
      ReadOnly: true,
      BindOptions: { Propagation: "rprivate" },
    });
    expect(parseMount("source=data,target=/data,volume-nocopy")).toEqual({
      Type: "volume",
      Source: "data",
      Target: "/data",
      VolumeOptions: { NoCopy: true },
    });
    expect(parseMount("type=tmpfs,destination=/t,tmpfs-size=64m,tmpfs-mode=1770,ro=false")).toEqual({
      Type: "tmpfs",
      Target: "/t",
      ReadOnly: false,
      TmpfsOptions: { SizeBytes: 64 * 1024 * 1024, Mode: 0o1770 },
    });
    expect(() => parseMount("type=bind,target=/b")).toThrow(/source is required/);
    expect(() => parseMount("type=npipe,target=/b")).toThrow(/unsupported mount type/);
    expect(() => parseMount("type=volume")).toThrow(/target is required/);
    expect(() => parseMount("type=tmpfs,target=/t,tmpfs-mode=9")).toThrow(/octal/);
  });
});

function flags(overrides: Partial<RunFlags> = {}): RunFlags {
  return {
    env: [],
    envFile: [],
    tmpfs: [],
    volume: [],
    mount: [],
    label: [],
    capAdd: [],
    capDrop: [],
    securityOpt: [],
    ulimit: [],
    sysctl: [],
    healthcheck: true,
    ...overrides,
  };
}

const host = { lookupEnv: lookup, readTextFile: () => undefined };

describe("createBody", () => {
  it("sends only what was given", () => {
    expect(createBody(flags(), "busybox", [], host)).toEqual({ Image: "busybox", HostConfig: {} });
    expect(createBody(flags(), "busybox", ["echo", "hi"], host).Cmd).toEqual(["echo", "hi"]);
  });

  it("--entrypoint '' resets the image's entrypoint as docker sends it", () => {
    expect(createBody(flags({ entrypoint: "" }), "busybox", [], host).Entrypoint).toEqual([""]);
  });

  it("health flags without --health-cmd tune the image's check", () => {
    expect(createBody(flags({ healthRetries: "3" }), "busybox", [], host).Healthcheck).toEqual({
      Retries: 3,
    });
    expect(() => createBody(flags({ healthcheck: false, healthCmd: "x" }), "busybox", [], host)).toThrow(
      /--no-healthcheck conflicts/,
    );
    expect(() => createBody(flags({ healthRetries: "-1" }), "busybox", [], host)).toThrow(/--health-retries/);
  });

  it("--rm with a restart policy conflicts, as in docker", () => {
    expect(() => createBody(flags({ rm: true, restart: "always" }), "busybox", [], host)).toThrow(
      /cannot specify both --restart and --rm/,
    );
    expect(() => createBody(flags({ rm: true, restart: "no" }), "busybox", [], host)).not.toThrow();
  });

  it("a missing env file names the flag", () => {
    expect(() => createBody(flags({ envFile: ["nope.env"] }), "busybox", [], host)).toThrow(
      "--env-file nope.env: no such file",
    );
  });
});
