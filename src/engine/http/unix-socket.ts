import { chmod, lstat, unlink } from "node:fs/promises";
import { connect } from "node:net";
import { BerthError } from "../../shared/errors.js";

/** Whether something accepts connections on a unix socket path. */
export async function socketAnswers(socketPath: string, timeoutMs = 1000): Promise<boolean> {
  return await new Promise<boolean>((resolve) => {
    const socket = connect(socketPath);
    const finish = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once("connect", () => finish(true));
    socket.once("error", () => finish(false));
  });
}

/** Removes a stale socket file; refuses (CONFLICT) when a live server answers on it or it is no socket. */
export async function clearStaleSocket(socketPath: string): Promise<void> {
  const stat = await lstat(socketPath).catch((error: unknown) => {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw error;
  });
  if (stat === undefined) return;
  if (!stat.isSocket()) {
    throw new BerthError("CONFLICT", `${socketPath} exists and is not a socket; refusing to replace it`);
  }
  if (await socketAnswers(socketPath)) {
    throw new BerthError("CONFLICT", `another engine is already listening on ${socketPath}`);
  }
  await unlink(socketPath);
}

/** Gives the socket file mode 0660 (owner and group may connect). */
export async function restrictSocket(socketPath: string): Promise<void> {
  await chmod(socketPath, 0o660);
}
