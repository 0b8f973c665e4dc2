import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { berth, ensureBuilt, examplesDir } from "./berth-cli.js";

// `berth config` on the example projects, checked against what `docker compose config` prints.
// These need the compose loader (src/compose/load/load-project.ts) to be complete.

const webApiDb = join(examplesDir, "web-api-db");
const devProd = join(examplesDir, "dev-prod-overrides");
const profiles = join(examplesDir, "profiles");

interface Model {
  name: string;
  services: Record<string, Record<string, unknown>>;
  volumes?: Record<string, Record<string, unknown>>;
}

function json(args: string[], options: { cwd: string; env?: Record<string, string> }): Model {
  const result = berth([...args, "config", "--format", "json"], options);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Model;
}

beforeAll(() => ensureBuilt(), 300_000);

describe("web-api-db", () => {
  it("lists its services, sorted", () => {
    const result = berth(["config", "--services"], { cwd: webApiDb });
    expect(result).toMatchObject({ status: 0, stdout: "api\ndb\nweb\n" });
  });

  it("lists its volumes and images", () => {
    expect(berth(["config", "--volumes"], { cwd: webApiDb }).stdout).toBe("db-data\n");
    expect(berth(["config", "--images"], { cwd: webApiDb }).stdout).toBe(
      "shop/api:1.4.2\npostgres:16\nbusybox:latest\n",
    );
  });

  it("renders JSON in canonical long syntax, with .env interpolated", () => {
    const model = json([], { cwd: webApiDb });
    expect(model.name).toBe("shop");
    expect(Object.keys(model.services)).toEqual(["api", "db", "web"]);
    expect(model.services.db?.environment).toMatchObject({ POSTGRES_USER: "shop", POSTGRES_DB: "shop" });
    expect(model.services.api?.depends_on).toEqual({
      db: { condition: "service_healthy", restart: true, required: true },
    });
    expect(model.services.web?.ports).toEqual([
      { mode: "ingress", target: 8080, published: "8080", protocol: "tcp" },
    ]);
    expect(model.services.web?.volumes).toEqual([
      expect.objectContaining({
        type: "bind",
        source: join(webApiDb, "www"),
        target: "/srv/www",
        read_only: true,
      }),
    ]);
    expect(model.volumes?.["db-data"]).toMatchObject({ name: "shop_db-data" });
  });

  it("renders YAML with name first and $ escaped again", () => {
    const result = berth(["config"], { cwd: webApiDb });
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith("name: shop\nservices:\n  api:\n")).toBe(true);
    expect(result.stdout).toContain("pg_isready -U $${POSTGRES_USER} -d $${POSTGRES_DB}");
    expect(result.stdout).toContain("\n    ports:\n      - mode: ingress\n        target: 8080\n");
  });

  it("lets the shell environment win over .env", () => {
    const model = json([], { cwd: webApiDb, env: { POSTGRES_USER: "fromshell" } });
    expect(model.services.db?.environment).toMatchObject({ POSTGRES_USER: "fromshell" });
  });

  it("reads --env-file instead of .env", () => {
    const model = json(["--env-file", join(webApiDb, "ci.env")], { cwd: webApiDb });
    expect(model.services.db?.environment).toMatchObject({ POSTGRES_USER: "ci", POSTGRES_DB: "shop_test" });
  });

  it("takes the project name from -p and COMPOSE_PROJECT_NAME", () => {
    expect(json(["-p", "custom"], { cwd: webApiDb }).name).toBe("custom");
    expect(json([], { cwd: webApiDb, env: { COMPOSE_PROJECT_NAME: "fromenv" } }).name).toBe("fromenv");
    expect(json(["-p", "custom"], { cwd: webApiDb }).volumes?.["db-data"]).toMatchObject({
      name: "custom_db-data",
    });
  });

  it("loads from --project-directory when run elsewhere", () => {
    const model = json(["--project-directory", webApiDb], { cwd: examplesDir });
    expect(model.name).toBe("shop");
  });

  it("renders a named service with what it depends on", () => {
    const only = berth(["config", "--format", "json", "api"], { cwd: webApiDb });
    expect(Object.keys((JSON.parse(only.stdout) as Model).services)).toEqual(["api", "db"]);
  });

  it("prints one config hash per service", () => {
    const result = berth(["config", "--hash", "*"], { cwd: webApiDb });
    expect(result.stdout).toMatch(/^api [0-9a-f]{64}\ndb [0-9a-f]{64}\nweb [0-9a-f]{64}\n$/);
  });
});

describe("dev-prod-overrides", () => {
  it("applies compose.override.yaml when no file is named", () => {
    const app = json([], { cwd: devProd }).services.app;
    expect(app?.image).toBe("notes/app:latest");
    expect(app?.environment).toMatchObject({ NODE_ENV: "development", PORT: "3000" });
    expect(((app?.ports ?? []) as { target: number }[]).map((p) => p.target)).toEqual([3000, 9229]);
    expect(app?.build).toMatchObject({ context: join(devProd, "app") });
  });

  it("merges -f files in order, with !reset removing the ports", () => {
    const model = json(["-f", "compose.yaml", "-f", "compose.prod.yaml"], { cwd: devProd });
    expect(model.services.app?.ports).toBeUndefined();
    expect(model.services.app?.restart).toBe("always");
    expect(model.services.app?.build).toBeUndefined();
    expect(model.services.worker?.deploy).toMatchObject({ replicas: 2 });
    expect(model.services.worker?.command).toEqual(["node", "worker.js"]);
    expect(model.services.cache?.logging).toEqual({ driver: "json-file", options: { "max-size": "10m" } });
  });

  it("reads the files from COMPOSE_FILE", () => {
    const model = json([], { cwd: devProd, env: { COMPOSE_FILE: "compose.yaml:compose.prod.yaml" } });
    expect(model.services.app?.restart).toBe("always");
  });

  it("splits COMPOSE_FILE on COMPOSE_PATH_SEPARATOR", () => {
    const env = { COMPOSE_FILE: "compose.yaml;compose.prod.yaml", COMPOSE_PATH_SEPARATOR: ";" };
    expect(json([], { cwd: devProd, env }).services.worker?.deploy).toMatchObject({ replicas: 2 });
  });
});

describe("profiles", () => {
  const services = (args: string[], env: Record<string, string> = {}) =>
    berth([...args, "config", "--services"], { cwd: profiles, env }).stdout;

  it("starts with the services that have no profile", () => {
    expect(services([])).toBe("app\n");
  });

  it("enables profiles with --profile, repeatable", () => {
    expect(services(["--profile", "debug"])).toBe("app\ndebug-shell\nlog-viewer\n");
    expect(services(["--profile", "debug", "--profile", "tools"])).toBe(
      "app\ndebug-shell\nlog-viewer\nmigrate\n",
    );
  });

  it("enables profiles from COMPOSE_PROFILES", () => {
    expect(services([], { COMPOSE_PROFILES: "tools" })).toBe("app\nlog-viewer\nmigrate\n");
  });

  it("lists every profile", () => {
    expect(berth(["config", "--profiles"], { cwd: profiles }).stdout).toBe("debug\ntools\n");
  });

  it("enables a service named on the command line whatever its profiles", () => {
    const result = berth(["config", "--format", "json", "migrate"], { cwd: profiles });
    expect(Object.keys((JSON.parse(result.stdout) as Model).services)).toEqual(["migrate"]);
  });
});
