import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";

/** The `docker` client binary on PATH ("" when missing: tests using it must then fail, never skip). */
export const dockerPath = spawnSync("sh", ["-c", "command -v docker"], { encoding: "utf8" }).stdout.trim();

/** One finished docker CLI run. */
export interface DockerRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real docker CLI pointed at an engine's socket, with a throwaway DOCKER_CONFIG/HOME. */
export interface DockerCli {
  run(args: readonly string[]): Promise<DockerRun>;
  /** Runs and expects exit 0 with nothing on stderr; returns stdout. */
  ok(args: readonly string[]): Promise<string>;
  /** Removes the temp home. */
  dispose(): void;
}

/** A docker CLI for the engine listening on `socketPath`. */
export function dockerCli(socketPath: string): DockerCli {
  const home = mkdtempSync(join(tmpdir(), "berth-docker-home-"));
  const run = (args: readonly string[]) =>
    new Promise<DockerRun>((resolve) => {
      execFile(
        dockerPath || "docker",
        [...args],
        {
          env: {
            PATH: process.env.PATH ?? "",
            DOCKER_HOST: `unix://${socketPath}`,
            DOCKER_CONFIG: home,
            HOME: home,
          },
          timeout: 60_000,
        },
        (error, stdout, stderr) => {
          const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
          resolve({ code, stdout, stderr });
        },
      ).stdin?.end();
    });
  return {
    run,
    async ok(args) {
      const result = await run(args);
      expect(result.stderr, `docker ${args.join(" ")}`).toBe("");
      expect(result.code, `docker ${args.join(" ")}`).toBe(0);
      return result.stdout;
    },
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** The body of `GET http://host:port/` (no keep-alive agent). */
export function httpGetText(port: number, host = "127.0.0.1"): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get({ host, port, path: "/", timeout: 5000, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve(body));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}
