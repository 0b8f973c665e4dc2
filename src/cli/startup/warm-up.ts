import { loadProject } from "../../app/compose-loader.js";
import { configCommand } from "../../app/config/config-command.js";
import { orderProject } from "../../app/config/order-model.js";
import { renderJson, renderYaml } from "../../app/config/render-model.js";
import type { CliContext } from "../cli-context.js";
import { buildProgram } from "../program.js";
import { runCli } from "../run-cli.js";

const BASE = `name: warm
x-common: &common
  restart: unless-stopped
  labels:
    team: \${TEAM:-platform}
services:
  a:
    <<: *common
    extends:
      file: common.yaml
      service: web
    image: registry.local/a:\${TAG:-latest}
    environment:
      INDEX: "1"
      REGION: \${REGION:-eu}
    ports: ["10000:8080", "127.0.0.1:9000-9001:9000-9001/udp"]
    volumes: ["./data/a:/data", "cache:/cache", {type: bind, source: ., target: /src}]
    depends_on:
      b:
        condition: service_started
  b:
    <<: *common
    extends:
      file: common.yaml
      service: worker
    image: registry.local/b
    environment: [A=1, B]
    env_file: []
    command: run --fast
    networks: [front]
    depends_on: [c]
  c:
    image: c
    build: .
    deploy: {resources: {limits: {cpus: "0.5", memory: 64m}}}
volumes:
  cache: {}
networks:
  front: {}
`;
const OVERRIDE = `services:
  a:
    environment:
      DEBUG: "1"
    ports: !override
      - "20000:8080"
`;
const COMMON = `services:
  web:
    healthcheck:
      test: ["CMD", "true"]
      interval: 5s
    mem_limit: 256m
  worker:
    command: ["run", "--queue", "\${QUEUE:-default}"]
    cpus: 0.5
`;

/**
 * Runs the compose loader and the `config` renderers on a small in-memory project (anchors, merge
 * keys, extends from another file, an override file, interpolation, short and long syntax) while the
 * startup snapshot is built: V8 keeps the bytecode of every function that ran, so a berth started
 * from the snapshot does not compile them again. The project is pure data; nothing touches the host.
 */
export function warmUpComposeTools(): void {
  const files: Record<string, string> = {
    "/warm/compose.yaml": BASE,
    "/warm/compose.override.yaml": OVERRIDE,
    "/warm/common.yaml": COMMON,
  };
  const host = {
    readFile: (path: string): string | undefined => files[path],
    isDirectory: (path: string): boolean => path === "/warm",
  };
  const { project } = loadProject({ files: [], cwd: "/warm", environment: { TAG: "1" } }, host);
  renderYaml(orderProject(project, "yaml"));
  renderJson(orderProject(project, "json"));
  // `berth config -q` itself, so the modules of the use case (and what they import) start initialised.
  const load = { files: [], cwd: "/warm", environment: { TAG: "1" } };
  configCommand({ load, format: "yaml", services: [], quiet: true }, { loadProject, host });
}

/** A context that reads and writes nothing: enough for `version`, which touches no file and no engine. */
function silentContext(): CliContext {
  const none = () => Promise.reject(new Error("the warm-up runs only berth version"));
  return {
    env: {},
    cwd: "/warm",
    stdout: () => {},
    stderr: () => {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    readStdin: none,
    readTextFile: () => undefined,
    writeTextFile: () => {},
    loaderHost: { readFile: () => undefined, isDirectory: () => false },
    projectLoader: none,
    issueTools: none,
    version: "0.0.0",
  };
}

/**
 * Builds the whole command line (every command's options, as each run does) and parses a short one
 * while the snapshot is built, so commander's option and parsing code start compiled too. Not `--help`:
 * commander reads process.stdout's width for it, which would create the build's stdout in the snapshot.
 */
export async function warmUpProgram(): Promise<void> {
  // Every command's set-up (a `version` line builds only its own command).
  buildProgram(silentContext());
  const status = await runCli(["version"], silentContext());
  if (status !== 0) throw new Error(`the snapshot warm-up's berth version exited ${status}`);
}
