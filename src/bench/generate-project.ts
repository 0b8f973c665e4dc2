/** Files of a generated compose project: a base file, an override, and a file that services extend. */
export function generateProject(services: number): Record<string, string> {
  const base: string[] = [
    "name: bench",
    "x-common: &common",
    "  restart: unless-stopped",
    "  labels:",
    "    team: ${TEAM:-platform}",
    "services:",
  ];
  for (let i = 0; i < services; i++) {
    base.push(
      `  svc${i}:`,
      "    <<: *common",
      "    extends:",
      "      file: common.yaml",
      `      service: ${i % 2 === 0 ? "web" : "worker"}`,
      `    image: registry.local/svc${i}:\${TAG:-latest}`,
      "    environment:",
      `      INDEX: "${i}"`,
      "      REGION: ${REGION:?region is required}",
      `    ports: ["${10000 + i}:8080"]`,
      `    volumes: ["./data/svc${i}:/data", "cache${i % 10}:/cache"]`,
    );
    if (i > 0) base.push("    depends_on:", `      svc${i - 1}:`, "        condition: service_started");
  }
  base.push("volumes:");
  for (let v = 0; v < 10; v++) base.push(`  cache${v}: {}`);
  const override: string[] = ["services:"];
  for (let i = 0; i < services; i += 2) {
    override.push(
      `  svc${i}:`,
      "    environment:",
      '      DEBUG: "1"',
      "    ports: !override",
      `      - "${20000 + i}:8080"`,
    );
  }
  const common = [
    "services:",
    "  web:",
    "    healthcheck:",
    '      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]',
    "      interval: 5s",
    "    mem_limit: 256m",
    "  worker:",
    '    command: ["run", "--queue", "${QUEUE:-default}"]',
    "    cpus: 0.5",
  ];
  return {
    "compose.yaml": `${base.join("\n")}\n`,
    "compose.override.yaml": `${override.join("\n")}\n`,
    "common.yaml": `${common.join("\n")}\n`,
  };
}
