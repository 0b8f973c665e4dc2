import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { containerState } from "./container-state.js";
import type { RuntimeContext } from "./context.js";
import { StateTransitionError } from "./errors.js";
import { readIfExists } from "./fs-util.js";
import { resolveUser } from "./spec/user.js";

/** A process to run in a running container; output is streamed to the callbacks. */
export interface ExecRequest {
  argv: readonly string[];
  env?: Readonly<Record<string, string>>;
  /** `user`, `uid`, `user:group`, …, resolved through the container's /etc/passwd; default: the container's. */
  user?: string;
  /** Default: the container's working directory. */
  cwd?: string;
  /** Only `false` is supported (no terminal). */
  tty?: false;
  /** Bytes for the process's stdin (closed when the iterable ends); without it stdin is empty. */
  stdin?: AsyncIterable<Uint8Array>;
  /** Output bytes exactly as the process wrote them (binary-safe). */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  signal?: AbortSignal;
}

interface ConfigProcess {
  cwd?: string;
  user?: { uid?: number; gid?: number; additionalGids?: number[] };
}

/** Runs `request.argv` in the running container `id`; resolves with its exit code. */
export async function execInContainer(
  ctx: RuntimeContext,
  id: string,
  request: ExecRequest,
): Promise<number> {
  const state = await containerState(ctx, id);
  if (state.status !== "running") throw new StateTransitionError(state.status, "exec");
  if (request.argv.length === 0) throw new Error("exec: empty argv");
  const paths = ctx.layout.bundle(id);
  const config = JSON.parse(await readFile(paths.config, "utf8")) as { process?: ConfigProcess };
  const own = config.process ?? {};
  let identity = {
    uid: own.user?.uid ?? 0,
    gid: own.user?.gid ?? 0,
    additionalGids: own.user?.additionalGids ?? [],
  };
  if (request.user !== undefined && request.user !== "") {
    const files = {
      passwd: (await readIfExists(join(paths.rootfs, "etc/passwd"))) ?? "",
      group: (await readIfExists(join(paths.rootfs, "etc/group"))) ?? "",
    };
    const resolved = resolveUser(request.user, files);
    identity = { uid: resolved.uid, gid: resolved.gid, additionalGids: resolved.additionalGids };
  }
  const env = Object.keys(request.env ?? {})
    .sort()
    .map((k) => `${k}=${request.env?.[k] ?? ""}`);
  return ctx.oci.exec(id, {
    argv: request.argv,
    env,
    ...identity,
    cwd: request.cwd ?? own.cwd ?? "/",
    ...(request.stdin ? { stdin: request.stdin } : {}),
    ...(request.onStdout ? { onStdout: request.onStdout } : {}),
    ...(request.onStderr ? { onStderr: request.onStderr } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
}
