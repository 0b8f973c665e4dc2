import type { CommandRunner } from "../../shared/ports.js";
import type { StreamingRunner } from "../../shared/spawn-ports.js";
import { RuntimeCommandError } from "../errors.js";
import type { OciExecRequest, OciRuntime, RuncState } from "../ports.js";

/** Where runc is and where it keeps its state. */
export interface RuncOptions {
  runner: CommandRunner;
  streamer: StreamingRunner;
  /** runc's `--root`: one per engine instance. */
  root: string;
  /** Defaults to `runc` on PATH. */
  binary?: string;
}

function toState(value: unknown): RuncState | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== "string" || typeof v.status !== "string") return undefined;
  return {
    id: v.id,
    status: v.status,
    pid: typeof v.pid === "number" ? v.pid : 0,
    bundle: typeof v.bundle === "string" ? v.bundle : "",
  };
}

const notFound = /does not exist|not found|container .* does not exist/i;

/** The runc adapter of `OciRuntime`: one runc invocation per verb, output parsed here. */
export function runcRuntime(options: RuncOptions): OciRuntime {
  const binary = options.binary ?? "runc";
  const base = [binary, "--root", options.root];
  const run = async (args: readonly string[], input?: string): Promise<string> => {
    const argv = [...base, ...args];
    const result = await options.runner.run(argv, input === undefined ? {} : { input });
    if (result.exitCode !== 0) throw new RuntimeCommandError(argv, result.exitCode, result.stderr);
    return result.stdout;
  };
  return {
    shimRuntime: { path: binary, args: ["--root", options.root] },
    start: async (id) => void (await run(["start", id])),
    kill: async (id, signal) => void (await run(["kill", id, signal.replace(/^SIG/, "")])),
    pause: async (id) => void (await run(["pause", id])),
    resume: async (id) => void (await run(["resume", id])),
    delete: async (id, { force }) => void (await run(["delete", ...(force ? ["--force"] : []), id])),
    async state(id) {
      const argv = [...base, "state", id];
      const result = await options.runner.run(argv);
      if (result.exitCode !== 0) {
        if (notFound.test(result.stderr)) return undefined;
        throw new RuntimeCommandError(argv, result.exitCode, result.stderr);
      }
      return toState(JSON.parse(result.stdout));
    },
    async list() {
      const text = (await run(["list", "--format", "json"])).trim();
      const parsed: unknown = text === "" || text === "null" ? [] : JSON.parse(text);
      const list = Array.isArray(parsed) ? parsed.flatMap((v) => toState(v) ?? []) : [];
      return list.sort((a, b) => a.id.localeCompare(b.id));
    },
    exec(id, request: OciExecRequest) {
      const user = [`${request.uid}:${request.gid}`];
      const groups = request.additionalGids.flatMap((g) => ["--additional-gids", String(g)]);
      const env = request.env.flatMap((e) => ["--env", e]);
      const argv = [...base, "exec", "--user", ...user, ...groups, "--cwd", request.cwd, ...env, id];
      return options.streamer.stream([...argv, ...request.argv], {
        ...(request.stdin ? { stdin: request.stdin } : {}),
        ...(request.onStdout ? { onStdout: request.onStdout } : {}),
        ...(request.onStderr ? { onStderr: request.onStderr } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
    },
    update: async (id, resources) =>
      void (await run(["update", "--resources", "-", id], JSON.stringify(resources))),
  };
}
