import { describe, expect, it } from "vitest";
import type { LoadOptions, Project, ProjectLoader } from "../../../src/app/compose-port.js";
import type { CliContext } from "../../../src/cli/cli-context.js";
import { runCli } from "../../../src/cli/run-cli.js";
import { ComposeError } from "../../../src/compose/errors.js";
import { BerthError } from "../../../src/shared/errors.js";

const project: Project = {
  name: "demo",
  services: {
    web: { image: "nginx", depends_on: { db: { condition: "service_started", required: true } } },
    db: { image: "postgres", profiles: ["data"] },
    tool: { build: { context: "/src/tool" } },
  },
  volumes: { data: { name: "demo_data" } },
  networks: { default: { name: "demo_default", ipam: {} } },
};

interface Fake {
  context: CliContext;
  out: string[];
  err: string[];
  calls: LoadOptions[];
  written: Map<string, string>;
}

function fake(options: { load?: ProjectLoader; env?: Record<string, string>; tty?: boolean } = {}): Fake {
  const out: string[] = [];
  const err: string[] = [];
  const calls: LoadOptions[] = [];
  const written = new Map<string, string>();
  const load: ProjectLoader =
    options.load ??
    ((o) => {
      calls.push(o);
      return {
        project,
        configFiles: ["/p/compose.yaml"],
        allProfiles: ["data"],
        environment: {},
        warnings: [],
      };
    });
  const context: CliContext = {
    env: options.env ?? {},
    cwd: "/p",
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stdoutIsTTY: false,
    stderrIsTTY: options.tty ?? false,
    readStdin: async () => "services: {}\n",
    readTextFile: () => undefined,
    writeTextFile: (path, text) => written.set(path, text),
    loaderHost: { readFile: () => undefined, isDirectory: () => false },
    projectLoader: async () => (o, h) => {
      calls.push(o);
      return load(o, h);
    },
    issueTools: async () => ({
      issuesOf: (e) => (e instanceof ComposeError ? e.issues : undefined),
      render: (issues) => issues.map((i) => `RENDERED ${i.file}:${i.line}: ${i.message}`).join("\n"),
    }),
    version: "1.2.3",
  };
  return { context, out, err, calls, written };
}

describe("berth version", () => {
  it("prints like docker compose version", async () => {
    const f = fake();
    expect(await runCli(["version"], f.context)).toBe(0);
    expect(await runCli(["version", "--short"], f.context)).toBe(0);
    expect(await runCli(["version", "--format", "json"], f.context)).toBe(0);
    expect(f.out).toEqual(["berth version v1.2.3\n", "1.2.3\n", '{"version":"v1.2.3"}\n']);
  });
});

describe("berth config", () => {
  it("passes the global options to the loader", async () => {
    const f = fake({ env: { HOME: "/root" } });
    const args = ["-f", "a.yaml", "-f", "b.yaml", "-p", "x", "--project-directory", "/d"];
    await runCli([...args, "--env-file", "e1", "--env-file", "e2", "--profile", "p1", "config"], f.context);
    expect(f.calls[0]).toMatchObject({
      files: ["a.yaml", "b.yaml"],
      projectName: "x",
      projectDirectory: "/d",
      envFiles: ["e1", "e2"],
      profiles: ["p1"],
      cwd: "/p",
      environment: { HOME: "/root" },
    });
  });

  it("takes files from COMPOSE_FILE and reads stdin for '-'", async () => {
    const f = fake({ env: { COMPOSE_FILE: "a.yaml:-" } });
    await runCli(["config", "--services"], f.context);
    expect(f.calls[0]).toMatchObject({ files: ["a.yaml", "-"], stdin: "services: {}\n" });
    expect(f.calls[0]?.profiles).toBeUndefined();
  });

  it("lists services, volumes, networks, profiles and images", async () => {
    const f = fake();
    for (const flag of ["--services", "--volumes", "--networks", "--profiles", "--images"]) {
      await runCli(["config", flag], f.context);
    }
    expect(f.out).toEqual([
      "db\ntool\nweb\n",
      "data\n",
      "default\n",
      "data\n",
      "postgres\ndemo-tool\nnginx\n",
    ]);
  });

  it("prints one hash line per service, sorted", async () => {
    const f = fake();
    expect(await runCli(["config", "--hash", "web,db"], f.context)).toBe(0);
    expect(f.out.join("")).toMatch(/^db [0-9a-f]{64}\nweb [0-9a-f]{64}\n$/);
  });

  it("renders positional services with their dependencies and passes them to the loader", async () => {
    const f = fake();
    await runCli(["config", "--format", "json", "web"], f.context);
    expect(f.calls[0]?.services).toEqual(["web"]);
    const parsed = JSON.parse(f.out.join("")) as { services: Record<string, unknown> };
    expect(Object.keys(parsed.services)).toEqual(["db", "web"]);
  });

  it("maps --no-interpolate and friends onto loader options", async () => {
    const f = fake();
    await runCli(["config", "--no-interpolate", "--no-path-resolution", "--no-consistency"], f.context);
    expect(f.calls[0]).toMatchObject({ interpolate: false, resolvePaths: false, skipValidation: true });
  });

  it("writes nothing with -q and writes to the file with -o", async () => {
    const f = fake();
    await runCli(["config", "-q"], f.context);
    await runCli(["config", "-o", "/tmp/out.yaml"], f.context);
    expect(f.out).toEqual([]);
    expect(f.written.get("/tmp/out.yaml")).toMatch(/^name: demo\nservices:\n/);
  });

  it("names an unknown service", async () => {
    const f = fake();
    expect(await runCli(["config", "nope"], f.context)).toBe(1);
    expect(f.err.join("")).toContain("no such service: nope");
  });
});

describe("errors", () => {
  const failing: ProjectLoader = () => {
    throw new ComposeError([
      { path: "services.web.ports[0]", file: "/p/compose.yaml", line: 4, message: "bad port" },
    ]);
  };

  it("renders compose issues without a stack trace and exits 1", async () => {
    const f = fake({ load: failing });
    expect(await runCli(["config"], f.context)).toBe(1);
    const text = f.err.join("");
    expect(text).toContain("RENDERED /p/compose.yaml:4: bad port");
    expect(text).not.toMatch(/\n\s+at /);
  });

  it("adds the stack with --debug", async () => {
    const f = fake({ load: failing });
    await runCli(["--debug", "config"], f.context);
    expect(f.err.join("")).toMatch(/\n\s+at /);
  });

  it("gives the hint of the error code", async () => {
    const f = fake({
      load: () => {
        throw new BerthError("COMPOSE_NOT_FOUND", "no configuration file provided: not found");
      },
    });
    expect(await runCli(["config"], f.context)).toBe(1);
    expect(f.err.join("")).toBe(
      "error: no configuration file provided: not found\nhint: run berth where a compose.yaml is, or name the file with -f\n",
    );
  });

  it("colours only on a terminal without NO_COLOR", async () => {
    const load: ProjectLoader = () => {
      throw new BerthError("NOT_FOUND", "gone");
    };
    const tty = fake({ load, tty: true });
    await runCli(["config"], tty.context);
    expect(tty.err.join("")).toContain("\u001b[31m");
    const noColor = fake({ load, tty: true, env: { NO_COLOR: "1" } });
    await runCli(["config"], noColor.context);
    expect(noColor.err.join("")).not.toContain("\u001b[");
  });

  it.each([
    [["config", "--bogus"], "--bogus"],
    [["frobnicate"], "frobnicate"],
    [["config", "--format", "toml"], "toml"],
  ])("rejects %j naming the argument, with exit 16", async (args, named) => {
    const f = fake();
    expect(await runCli(args, f.context)).toBe(16);
    expect(f.err.join("")).toContain(named);
  });

  it("prints help and exits 0", async () => {
    const f = fake();
    expect(await runCli(["config", "--help"], f.context)).toBe(0);
    expect(f.out.join("")).toContain("--services");
  });
});
