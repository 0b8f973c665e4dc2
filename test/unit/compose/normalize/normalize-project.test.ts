import { describe, expect, it } from "vitest";
import { ComposeError } from "../../../../src/compose/errors.js";
import { normalizeYaml } from "./helpers.js";

describe("normalizeProject: project shape", () => {
  it("names the project, sorts services and attaches the implicit default network", () => {
    const project = normalizeYaml(
      "services:\n  web: {image: nginx}\n  api: {image: api, network_mode: host}\n",
    );
    expect(JSON.stringify(project)).toBe(
      JSON.stringify({
        name: "demo",
        services: {
          api: { image: "api", network_mode: "host" },
          web: { image: "nginx", networks: { default: null } },
        },
        networks: { default: { name: "demo_default", ipam: {} } },
      }),
    );
  });

  it("adds no default network when no service uses it", () => {
    const project = normalizeYaml(
      "services:\n  web: {image: nginx, networks: [front]}\nnetworks:\n  front: {}\n",
    );
    expect(project.networks).toEqual({ front: { name: "demo_front", ipam: {} } });
    expect(project.services.web?.networks).toEqual({ front: null });
  });

  it("names top-level resources <project>_<key> unless named or external", () => {
    const project = normalizeYaml(`
services:
  web: {image: nginx}
networks:
  default: {driver: bridge}
  ext: {external: true}
  named: {name: custom, labels: [a=b]}
  legacy: {external: {name: old}}
volumes:
  data:
  ext: {external: true, name: real}
secrets:
  token: {file: ./token.txt}
  env: {environment: TOKEN}
configs:
  cfg: {file: /etc/cfg}
`);
    expect(project.networks).toEqual({
      default: { name: "demo_default", driver: "bridge", ipam: {} },
      ext: { name: "ext", ipam: {}, external: true },
      legacy: { name: "old", ipam: {}, external: true },
      named: { name: "custom", ipam: {}, labels: { a: "b" } },
    });
    expect(project.volumes).toEqual({ data: { name: "demo_data" }, ext: { name: "real", external: true } });
    expect(project.secrets).toEqual({
      env: { name: "demo_env", environment: "TOKEN" },
      token: { name: "demo_token", file: "/proj/token.txt" },
    });
    expect(project.configs).toEqual({ cfg: { name: "demo_cfg", file: "/etc/cfg" } });
  });

  it("renders a network's keys in compose's order with ipam pools", () => {
    const project = normalizeYaml(`
services: {}
networks:
  n:
    labels: {x: 1}
    ipam: {config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1}]}
    driver: bridge
`);
    expect(JSON.stringify(project.networks?.n)).toBe(
      JSON.stringify({
        name: "demo_n",
        driver: "bridge",
        ipam: { config: [{ subnet: "10.0.0.0/24", gateway: "10.0.0.1" }] },
        labels: { x: "1" },
      }),
    );
  });

  it("keeps top-level x-* extensions and drops include/version", () => {
    const project = normalizeYaml("version: '3'\nx-common: {a: 1}\nservices: {}\n");
    expect(project).toEqual({ name: "demo", services: {}, "x-common": { a: 1 } });
  });

  it("orders service keys like compose config", () => {
    const project = normalizeYaml(
      "services:\n  web:\n    restart: always\n    image: nginx\n    command: run\n    build: .\n",
    );
    expect(Object.keys(project.services.web ?? {})).toEqual([
      "build",
      "command",
      "image",
      "networks",
      "restart",
    ]);
  });
});

describe("normalizeProject: path resolution", () => {
  const yaml = `
services:
  web:
    build: ./app
    volumes: [./data:/data, ~/cfg:/cfg]
    env_file: [.env.web]
secrets:
  s: {file: ./s.txt}
`;
  const files = { "/proj/.env.web": "A=1\n" };
  it("resolves relative paths against the working dir and ~ against HOME", () => {
    const web = normalizeYaml(yaml, { files, env: { HOME: "/home/me" } }).services.web;
    expect(web?.build?.context).toBe("/proj/app");
    expect(web?.volumes?.map((v) => v.source)).toEqual(["/proj/data", "/home/me/cfg"]);
    expect(web?.env_file).toEqual([{ path: "/proj/.env.web", required: true }]);
  });
  it("keeps paths as written when resolution is off (env files are still read)", () => {
    const project = normalizeYaml(yaml, { files, env: { HOME: "/home/me" }, resolvePaths: false });
    const web = project.services.web;
    expect(web?.build?.context).toBe("./app");
    expect(web?.volumes?.map((v) => v.source)).toEqual(["./data", "~/cfg"]);
    expect(web?.env_file).toEqual([{ path: ".env.web", required: true }]);
    expect(web?.environment).toEqual({ A: "1" });
    expect(project.secrets?.s?.file).toBe("./s.txt");
  });
});

describe("normalizeProject: env_file folding", () => {
  const files = {
    "/proj/a.env": ["SHARED=from-a", "ONLY_A=a", "REF=$" + "{PROJECT_VAR}", ""].join("\n"),
    "/proj/b.env": "SHARED=from-b\n",
  };
  it("reads env files in order, lets explicit environment win and resolves variables", () => {
    const web = normalizeYaml(
      `services:
  web:
    image: x
    env_file: [a.env, {path: b.env}, {path: missing.env, required: false}]
    environment: {EXPLICIT: e, ONLY_A: overridden}
`,
      { files, env: { PROJECT_VAR: "pv" } },
    ).services.web;
    expect(web?.environment).toEqual({
      EXPLICIT: "e",
      ONLY_A: "overridden",
      REF: "pv",
      SHARED: "from-b",
    });
    expect(web?.env_file).toEqual([
      { path: "/proj/a.env", required: true },
      { path: "/proj/b.env", required: true },
      { path: "/proj/missing.env", required: false },
    ]);
  });

  it("reports a missing required env file by name", () => {
    let error: unknown;
    try {
      normalizeYaml("services:\n  web:\n    image: x\n    env_file: nope.env\n");
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ComposeError);
    expect((error as ComposeError).issues).toEqual([
      { path: "services.web.env_file[0]", message: "env file /proj/nope.env not found" },
    ]);
  });
});

describe("normalizeProject: shapes expected by the compose-go loader cases", () => {
  it("TestLoadWithExtends-like service", () => {
    const importer = normalizeYaml(
      "services:\n  importer:\n    image: nginx\n    container_name: imported\n    environment: [SOURCE=extends]\n    volumes: ['/opt/data:/var/lib/mysql']\n",
    ).services.importer;
    expect(importer).toEqual({
      container_name: "imported",
      environment: { SOURCE: "extends" },
      image: "nginx",
      networks: { default: null },
      volumes: [
        { type: "bind", source: "/opt/data", target: "/var/lib/mysql", bind: { create_host_path: true } },
      ],
    });
  });
  it("TestLoadExtendsDependsOn-like depends_on", () => {
    const b = normalizeYaml("services:\n  a: {image: a}\n  b: {image: b, depends_on: [a]}\n").services.b;
    expect(b?.depends_on).toEqual({ a: { condition: "service_started", required: true } });
  });
});
