import { describe, expect, it } from "vitest";
import { SourceMap } from "../../../../src/compose/source-map.js";
import type { RawMap, RawValue } from "../../../../src/compose/tree.js";
import { validateProject } from "../../../../src/compose/validate/validate-project.js";
import { realisticProject } from "./fixtures.js";
import { locate } from "./locate.js";

/** Issues as `path: message` lines, for compact expectations. */
function problems(tree: RawValue): string[] {
  return validateProject(tree, new SourceMap()).map((i) => `${i.path}: ${i.message}`);
}

function service(attributes: RawMap): RawMap {
  return { services: { web: { image: "nginx", ...attributes } } };
}

describe("validateProject", () => {
  it("accepts a realistic project in short and long syntax", () => {
    const tree = realisticProject();
    expect(validateProject(tree, locate(tree))).toEqual([]);
  });

  it("accepts an empty project and a service with only an image", () => {
    expect(problems({})).toEqual([]);
    expect(problems(service({}))).toEqual([]);
  });

  it("names the unknown key, with a did-you-mean, at its file position", () => {
    const tree = { services: { web: { imagee: "nginx" } } };
    expect(validateProject(tree, locate(tree, "a.yaml"))).toEqual([
      {
        path: "services.web.imagee",
        file: "a.yaml",
        line: 3,
        column: 5,
        message: 'additional property "imagee" is not allowed (did you mean "image"?)',
      },
    ]);
  });

  it("suggests near misses everywhere, and nothing for keys far from any", () => {
    expect(
      problems({
        service: {},
        services: { web: { image: "x", helthcheck: {}, depends: [], build: { contxt: "." }, zzz: 1 } },
      }),
    ).toEqual([
      'service: additional property "service" is not allowed (did you mean "services"?)',
      'services.web.build.contxt: additional property "contxt" is not allowed (did you mean "context"?)',
      'services.web.depends: additional property "depends" is not allowed (did you mean "depends_on"?)',
      'services.web.helthcheck: additional property "helthcheck" is not allowed (did you mean "healthcheck"?)',
      'services.web.zzz: additional property "zzz" is not allowed',
    ]);
  });

  it("names the path and the expected type of a wrong value", () => {
    expect(problems(service({ image: 5 }))).toEqual(["services.web.image: must be a string"]);
    expect(problems(service({ cpus: true }))).toEqual(["services.web.cpus: must be a number or a string"]);
    expect(problems(service({ command: { run: "x" } }))).toEqual([
      "services.web.command: must be null, a string or a list",
    ]);
    expect(problems(service({ cgroup: "hybrid" }))).toEqual([
      'services.web.cgroup: must be one of: "host", "private"',
    ]);
    expect(problems(service({ environment: "A=1" }))).toEqual([
      "services.web.environment: must be a mapping or a list",
    ]);
    expect(problems({ services: [] })).toEqual(["services: must be a mapping"]);
    expect(problems("services")).toEqual([": must be a mapping"]);
  });

  it("looks inside the branch of a list-or-mapping that matches the value", () => {
    expect(problems(service({ environment: { A: { nested: true } } }))).toEqual([
      "services.web.environment.A: must be a string, a number, a boolean or null",
    ]);
    expect(problems(service({ ports: ["80", { target: 80, publishd: 8080 }] }))).toEqual([
      'services.web.ports[1].publishd: additional property "publishd" is not allowed (did you mean "published"?)',
    ]);
    expect(problems(service({ build: { context: ".", args: ["A=1", 2] } }))).toEqual([
      "services.web.build.args[1]: must be a string",
    ]);
  });

  it("reports missing required properties at their parent", () => {
    expect(
      problems(
        service({
          depends_on: { db: { required: true } },
          volumes: [{ source: "x", target: "/x" }],
          extends: { file: "base.yaml" },
          post_start: [{ user: "root" }],
          develop: { watch: [{ path: "." }] },
        }),
      ),
    ).toEqual([
      'services.web.depends_on.db: missing required property "condition"',
      'services.web.develop.watch[0]: missing required property "action"',
      'services.web.extends: missing required property "service"',
      'services.web.post_start[0]: missing required property "command"',
      'services.web.volumes[0]: missing required property "type"',
    ]);
    expect(problems({ models: { llm: { context_size: 1 } } })).toEqual([
      'models.llm: missing required property "model"',
    ]);
  });

  it("reports every problem at once, sorted by file position", () => {
    const tree = {
      services: {
        web: { image: "nginx", ports: [{ target: "80", mode: 1 }], restart: 3 },
        db: { image: ["postgres"], networks: { back: { aliases: "db" } } },
      },
      volumes: { data: { driver: 1 } },
    };
    const issues = validateProject(tree, locate(tree));
    expect(issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`)).toEqual([
      "7:9 services.web.ports[0].mode: must be a string",
      "8:5 services.web.restart: must be a string",
      "10:5 services.db.image: must be a string",
      "14:9 services.db.networks.back.aliases: must be a list",
      "17:5 volumes.data.driver: must be a string",
    ]);
  });

  it("accepts numbers or strings, list or mapping forms, and null where the spec does", () => {
    const ok = service({
      cpus: "0.5",
      mem_limit: 536870912,
      memswap_limit: -1,
      shm_size: "2GiB",
      cpu_count: "2",
      scale: 3,
      labels: ["a=b"],
      sysctls: { "net.core.somaxconn": 1024 },
      dns: "8.8.8.8",
      tmpfs: ["/run", "/tmp"],
      extra_hosts: { "db.local": ["10.0.0.1", "::1"] },
      depends_on: ["db"],
      networks: ["front"],
      deploy: null,
      develop: null,
      entrypoint: "sh -c",
      pid: "host",
      ulimits: { nofile: 1024, NOFILE: "anything", core: "unlimited" },
      healthcheck: { disable: true },
      pull_policy: "every_12h",
      stop_grace_period: "1.5s",
    });
    expect(problems(ok)).toEqual([]);
    expect(problems({ networks: { front: null }, volumes: { data: null } })).toEqual([]);
  });

  it("checks durations, byte sizes and bounded numbers", () => {
    expect(
      problems(
        service({
          healthcheck: { interval: "10 seconds", timeout: 30 },
          stop_grace_period: "90",
          mem_limit: "lots",
          cpu_percent: 150,
          oom_score_adj: -2000,
          pull_policy: "sometimes",
          deploy: { resources: { limits: { memory: 512 } } },
        }),
      ),
    ).toEqual([
      "services.web.cpu_percent: must be at most 100",
      "services.web.deploy.resources.limits.memory: must be a string",
      'services.web.healthcheck.interval: must be a duration like "30s" or "1m30s"',
      "services.web.healthcheck.timeout: must be a string",
      'services.web.mem_limit: must be a byte size like "512m" or "2g"',
      "services.web.oom_score_adj: must be at least -1000",
      "services.web.pull_policy: must be one of: always, never, build, if_not_present, missing, refresh, daily, weekly, every_<duration>",
      'services.web.stop_grace_period: must be a duration like "30s" or "1m30s"',
    ]);
  });

  it("rejects repeated items where the spec wants them unique", () => {
    expect(
      problems(service({ ports: ["80:80", "443:443", "80:80"], cap_add: ["NET_ADMIN", "NET_ADMIN"] })),
    ).toEqual([
      "services.web.cap_add[1]: duplicate of item [0]",
      "services.web.ports[2]: duplicate of item [0]",
    ]);
  });

  it("rejects names outside [a-zA-Z0-9._-]", () => {
    expect(problems({ services: { "my web": { image: "x" } }, secrets: { "a/b": { file: "x" } } })).toEqual([
      'secrets.a/b: "a/b" is not a valid name (use only letters, digits, ".", "_" and "-")',
      'services.my web: "my web" is not a valid name (use only letters, digits, ".", "_" and "-")',
    ]);
  });
});

describe("x- extensions", () => {
  const ext = { "x-meta": { owner: "me" } };

  it("are accepted wherever the spec allows them", () => {
    const tree = {
      ...ext,
      services: {
        web: {
          ...ext,
          image: "x",
          build: { context: ".", ...ext },
          deploy: { ...ext, resources: { ...ext, limits: { ...ext } }, placement: { ...ext } },
          healthcheck: { ...ext, test: "true" },
          logging: { ...ext },
          ports: [{ target: 80, ...ext }],
          volumes: [{ type: "bind", source: ".", target: "/x", bind: { ...ext }, ...ext }],
          networks: { front: { ...ext } },
          depends_on: { db: { condition: "service_started", ...ext } },
          secrets: [{ source: "s", ...ext }],
          develop: { ...ext, watch: [{ path: ".", action: "sync", ...ext }] },
          post_start: [{ command: "true", ...ext }],
          ulimits: { nofile: { soft: 1, hard: 2, ...ext } },
        },
      },
      networks: { front: { ...ext, ipam: { ...ext } } },
      volumes: { data: { ...ext } },
      secrets: { s: { file: "x", ...ext } },
      configs: { c: { file: "x", ...ext } },
      models: { m: { model: "ai/x", ...ext } },
    };
    expect(problems(tree)).toEqual([]);
  });

  it("are rejected where the spec does not allow them", () => {
    const tree = {
      include: [{ path: "a.yaml", ...ext }],
      services: {
        web: {
          image: "x",
          blkio_config: { weight: 10, ...ext },
          extends: { service: "base", ...ext },
          env_file: [{ path: ".env", ...ext }],
        },
      },
    };
    expect(problems(tree)).toEqual([
      'include[0].x-meta: additional property "x-meta" is not allowed',
      'services.web.blkio_config.x-meta: additional property "x-meta" is not allowed',
      'services.web.env_file[0].x-meta: additional property "x-meta" is not allowed',
      'services.web.extends.x-meta: additional property "x-meta" is not allowed',
    ]);
  });
});
