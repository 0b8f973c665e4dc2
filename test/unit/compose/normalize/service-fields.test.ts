import { describe, expect, it } from "vitest";
import { normalizeYaml } from "./helpers.js";

/** One service attribute in, its canonical form out (`networks` default elided unless asked). */
const cases: { name: string; yaml: string; key: string; expected: unknown; env?: Record<string, string> }[] =
  [
    {
      name: "expose numbers become strings",
      yaml: "expose: [3000, '4000-4001']",
      key: "expose",
      expected: ["3000", "4000-4001"],
    },
    {
      name: "environment list → map, bare name from lookup or null",
      yaml: "environment: [B=2, A=1, HOMEY, UNSET, EMPTY=]",
      key: "environment",
      env: { HOMEY: "/h" },
      expected: { A: "1", B: "2", EMPTY: "", HOMEY: "/h", UNSET: null },
    },
    {
      name: "environment map values stringified, null resolved",
      yaml: "environment: {N: 1, T: true, X: null, F: 1.5}",
      key: "environment",
      env: { X: "x" },
      expected: { F: "1.5", N: "1", T: "true", X: "x" },
    },
    {
      name: "labels list → map",
      yaml: "labels: [b=2, a=1, flag]",
      key: "labels",
      expected: { a: "1", b: "2", flag: "" },
    },
    { name: "labels map values stringified", yaml: "labels: {n: 3}", key: "labels", expected: { n: "3" } },
    {
      name: "sysctls list → map",
      yaml: "sysctls: [net.core.somaxconn=1024]",
      key: "sysctls",
      expected: { "net.core.somaxconn": "1024" },
    },
    {
      name: "sysctls map numbers → strings",
      yaml: "sysctls: {net.ipv4.ip_forward: 1}",
      key: "sysctls",
      expected: { "net.ipv4.ip_forward": "1" },
    },
    {
      name: "extra_hosts list (= and :) → sorted host=ip",
      yaml: "extra_hosts: ['somehost:162.242.195.82', 'otherhost=50.31.209.229', 'v6=[::1]']",
      key: "extra_hosts",
      expected: ["otherhost=50.31.209.229", "somehost=162.242.195.82", "v6=::1"],
    },
    {
      name: "extra_hosts map with several ips",
      yaml: "extra_hosts: {b: 10.0.0.2, a: [10.0.0.1, 10.0.0.3]}",
      key: "extra_hosts",
      expected: ["a=10.0.0.1", "a=10.0.0.3", "b=10.0.0.2"],
    },
    {
      name: "ulimits: number stays a number, soft/hard kept",
      yaml: "ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}",
      key: "ulimits",
      expected: { nofile: { soft: 20000, hard: 40000 }, nproc: 65535 },
    },
    {
      name: "depends_on list → long form",
      yaml: "depends_on: [db, cache]",
      key: "depends_on",
      expected: {
        cache: { condition: "service_started", required: true },
        db: { condition: "service_started", required: true },
      },
    },
    {
      name: "depends_on long form gets defaults, keeps restart",
      yaml: "depends_on: {db: {condition: service_healthy, restart: true}, mq: {required: false}}",
      key: "depends_on",
      expected: {
        db: { condition: "service_healthy", restart: true, required: true },
        mq: { condition: "service_started", required: false },
      },
    },
    { name: "links stay a list", yaml: "links: ['db:database']", key: "links", expected: ["db:database"] },
    {
      name: "links imply a dependency",
      yaml: "links: ['db:database']",
      key: "depends_on",
      expected: { db: { condition: "service_started", restart: true, required: true } },
    },
    {
      name: "service: namespaces and volumes_from imply dependencies",
      yaml: "network_mode: service:net\nipc: service:ipc\nvolumes_from: ['vol:ro', 'container:abc']",
      key: "depends_on",
      expected: {
        ipc: { condition: "service_started", restart: true, required: true },
        net: { condition: "service_started", restart: true, required: true },
        vol: { condition: "service_started", required: true },
      },
    },
    {
      name: "build string → context + Dockerfile",
      yaml: "build: ./app",
      key: "build",
      expected: { context: "/proj/app", dockerfile: "Dockerfile" },
    },
    {
      name: "build URL context untouched",
      yaml: "build: https://github.com/a/b.git",
      key: "build",
      expected: { context: "https://github.com/a/b.git", dockerfile: "Dockerfile" },
    },
    {
      name: "build long form: default context, args resolved/dropped, inline dockerfile",
      yaml: "build: {dockerfile_inline: 'FROM x', args: [A=1, FROMENV, MISSING], labels: [l=v], shm_size: 1g}",
      key: "build",
      env: { FROMENV: "e" },
      expected: {
        context: "/proj",
        dockerfile_inline: "FROM x",
        args: { A: "1", FROMENV: "e" },
        labels: { l: "v" },
        shm_size: "1073741824",
      },
    },
    {
      name: "command string split like a shell",
      yaml: `command: sh -c "echo hi"`,
      key: "command",
      expected: ["sh", "-c", "echo hi"],
    },
    { name: "command list kept", yaml: "command: [a, 'b c']", key: "command", expected: ["a", "b c"] },
    { name: "empty command clears", yaml: "command: []", key: "command", expected: [] },
    {
      name: "entrypoint string split",
      yaml: "entrypoint: /bin/sh -c",
      key: "entrypoint",
      expected: ["/bin/sh", "-c"],
    },
    {
      name: "healthcheck string test → CMD-SHELL, durations",
      yaml: "healthcheck: {test: curl -f http://x, interval: 90s, timeout: 1m, retries: 3, start_period: 0s}",
      key: "healthcheck",
      expected: {
        test: ["CMD-SHELL", "curl -f http://x"],
        timeout: "1m0s",
        interval: "1m30s",
        retries: 3,
        start_period: "0s",
      },
    },
    {
      name: "healthcheck list kept",
      yaml: "healthcheck: {test: [CMD, true]}",
      key: "healthcheck",
      expected: { test: ["CMD", "true"] },
    },
    { name: "mem_limit in bytes", yaml: "mem_limit: 512m", key: "mem_limit", expected: "536870912" },
    { name: "shm_size in bytes", yaml: "shm_size: 64M", key: "shm_size", expected: "67108864" },
    { name: "memswap_limit -1", yaml: "memswap_limit: -1", key: "memswap_limit", expected: "-1" },
    {
      name: "stop_grace_period",
      yaml: "stop_grace_period: 1m30s",
      key: "stop_grace_period",
      expected: "1m30s",
    },
    { name: "cpus string → number", yaml: "cpus: '0.5'", key: "cpus", expected: 0.5 },
    {
      name: "pull_policy if_not_present → missing",
      yaml: "pull_policy: if_not_present",
      key: "pull_policy",
      expected: "missing",
    },
    { name: "restart as given", yaml: "restart: unless-stopped", key: "restart", expected: "unless-stopped" },
    { name: "dns string → list", yaml: "dns: 8.8.8.8", key: "dns", expected: ["8.8.8.8"] },
    { name: "tmpfs string → list", yaml: "tmpfs: /run", key: "tmpfs", expected: ["/run"] },
    {
      name: "networks list → map of null",
      yaml: "networks: [front, back]",
      key: "networks",
      expected: { back: null, front: null },
    },
    {
      name: "networks map kept",
      yaml: "networks: {front: {aliases: [web]}, back: null}",
      key: "networks",
      expected: { back: null, front: { aliases: ["web"] } },
    },
    {
      name: "secrets short → source + /run/secrets target",
      yaml: "secrets: [token, {source: key, target: /k, mode: 0o440}]",
      key: "secrets",
      expected: [
        { source: "token", target: "/run/secrets/token" },
        { source: "key", target: "/k", mode: "0440" },
      ],
    },
    { name: "configs short → source", yaml: "configs: [cfg]", key: "configs", expected: [{ source: "cfg" }] },
    {
      name: "devices short → long",
      yaml: "devices: ['/dev/fuse', '/dev/a:/dev/b:r']",
      key: "devices",
      expected: [
        { source: "/dev/fuse", target: "/dev/fuse", permissions: "rwm" },
        { source: "/dev/a", target: "/dev/b", permissions: "r" },
      ],
    },
    { name: "gpus all", yaml: "gpus: all", key: "gpus", expected: [{ count: "all" }] },
    {
      name: "deploy resources and replicas",
      yaml: "deploy: {replicas: 2, labels: [a=b], resources: {limits: {cpus: '0.5', memory: 1g, pids: 10}, reservations: {devices: [{capabilities: [gpu]}]}}, restart_policy: {condition: on-failure, delay: 5s}}",
      key: "deploy",
      expected: {
        replicas: 2,
        labels: { a: "b" },
        resources: {
          limits: { cpus: 0.5, memory: "1073741824", pids: 10 },
          reservations: { devices: [{ capabilities: ["gpu"], count: "all" }] },
        },
        restart_policy: { condition: "on-failure", delay: "5s" },
      },
    },
    {
      name: "scale copied into deploy.replicas",
      yaml: "scale: 3\ndeploy: {mode: replicated}",
      key: "deploy",
      expected: { mode: "replicated", replicas: 3 },
    },
    { name: "scale kept", yaml: "scale: 3", key: "scale", expected: 3 },
    {
      name: "hooks: command split, environment map",
      yaml: "post_start: [{command: echo hi, environment: [A=1]}]",
      key: "post_start",
      expected: [{ command: ["echo", "hi"], environment: { A: "1" } }],
    },
    {
      name: "develop.watch: path resolved, ignore as list",
      yaml: "develop: {watch: [{path: ./src, action: sync, target: /app, ignore: node_modules}]}",
      key: "develop",
      expected: { watch: [{ path: "/proj/src", action: "sync", target: "/app", ignore: ["node_modules"] }] },
    },
    { name: "service x-* extensions kept", yaml: "x-custom: {a: 1}", key: "x-custom", expected: { a: 1 } },
  ];

describe("service attributes in canonical form", () => {
  it.each(cases)("$name", ({ yaml, key, expected, env }) => {
    const indented = yaml
      .split("\n")
      .map((line) => `    ${line}`)
      .join("\n");
    const project = normalizeYaml(`services:\n  web:\n    image: nginx\n${indented}\n`, { env });
    const service = project.services.web as Record<string, unknown>;
    expect(service[key]).toEqual(expected);
    expect(JSON.stringify(service[key])).toBe(JSON.stringify(expected));
  });
});

describe("invalid values are reported together", () => {
  it("names every bad attribute in one ComposeError", () => {
    expect(() =>
      normalizeYaml(
        "services:\n  web:\n    image: x\n    mem_limit: lots\n    stop_grace_period: soon\n    command: 'echo \"x'\n",
      ),
    ).toThrow(
      [
        "3 problems in the compose project:",
        '  services.web.mem_limit: invalid byte size "lots"',
        '  services.web.stop_grace_period: invalid duration "soon"',
        "  services.web.command: invalid command line string",
      ].join("\n"),
    );
  });
  it("rejects scale and deploy.replicas that disagree", () => {
    expect(() =>
      normalizeYaml("services:\n  web:\n    image: x\n    scale: 2\n    deploy: {replicas: 3}\n"),
    ).toThrow("services.web: can't set distinct values on 'scale' and 'deploy.replicas'");
  });
});
