import {
  type ExecCreateBody,
  type ExecInspect,
  execInspectView,
  type IdResponse,
  type OutputChunk,
} from "../../api/index.js";
import { BerthError, errorMessage, NotFoundError } from "../../shared/errors.js";
import type { ExecStartRequest, ExecStream } from "../backend.js";
import { type EngineCore, emitContainer, findRecord } from "../core/engine-core.js";
import { startFailureCode } from "../core/run-container.js";
import { AsyncQueue } from "../util/async-queue.js";

/** One exec as the engine keeps it (in memory: execs do not survive the engine, as in Docker). */
interface ExecRecord {
  id: string;
  containerId: string;
  body: ExecCreateBody;
  started: boolean;
  running: boolean;
  exitCode: number | null;
}

function envMap(env: readonly string[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of env ?? []) {
    const eq = entry.indexOf("=");
    if (eq > 0) out[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return out;
}

/** Exec create/start/inspect on the runtime's `exec`. */
export class ExecService {
  private readonly execs = new Map<string, ExecRecord>();

  constructor(private readonly core: EngineCore) {}

  /** POST /containers/{id}/exec. */
  create(containerId: string, body: ExecCreateBody): IdResponse {
    const record = findRecord(this.core, containerId);
    if (record.state.status !== "running") {
      throw new BerthError("CONFLICT", `Container ${record.id} is not running`);
    }
    if (body.Tty) throw new BerthError("INVALID_ARGUMENT", "exec with a TTY is not supported yet");
    const id = this.core.random(32).toString("hex");
    this.execs.set(id, { id, containerId: record.id, body, started: false, running: false, exitCode: null });
    record.execIds.push(id);
    emitContainer(this.core, record, `exec_create: ${body.Cmd.join(" ")}`, { execID: id });
    return { Id: id };
  }

  private find(id: string): ExecRecord {
    const exec = this.execs.get(id);
    if (!exec) throw new NotFoundError(`No such exec instance: ${id}`);
    return exec;
  }

  /**
   * POST /exec/{id}/start: output streams until the process exits; with Detach it runs in the
   * background. With AttachStdin the client's bytes feed the process's stdin until it half-closes.
   */
  async start(id: string, request: ExecStartRequest): Promise<ExecStream> {
    const exec = this.find(id);
    if (exec.started) throw new BerthError("CONFLICT", `Exec command ${id} has already run`);
    const record = findRecord(this.core, exec.containerId);
    if (record.state.status !== "running") {
      throw new BerthError("CONFLICT", `Container ${record.id} is not running`);
    }
    exec.started = true;
    exec.running = true;
    const detach = request.options.Detach === true;
    // As Docker: stdin reaches the process only when the exec was created with AttachStdin.
    const stdin = !detach && exec.body.AttachStdin === true ? request.stdin : undefined;
    const queue = new AsyncQueue<OutputChunk>();
    let stderrTail = "";
    const push = (stream: OutputChunk["stream"]) => (chunk: Buffer) => {
      if (stream === "stderr") stderrTail = (stderrTail + chunk.toString("latin1")).slice(-4096);
      if (!detach) queue.push({ stream, data: chunk });
    };
    emitContainer(this.core, record, `exec_start: ${exec.body.Cmd.join(" ")}`, { execID: id });
    const done = this.core.runtime
      .exec(record.id, {
        argv: exec.body.Cmd,
        env: envMap(exec.body.Env),
        ...(exec.body.User ? { user: exec.body.User } : {}),
        ...(exec.body.WorkingDir ? { cwd: exec.body.WorkingDir } : {}),
        ...(stdin ? { stdin } : {}),
        onStdout: push("stdout"),
        onStderr: push("stderr"),
        ...(detach ? {} : { signal: request.signal }),
      })
      .then(
        (code) =>
          code === 255 && /exec failed|starting container process/.test(stderrTail)
            ? startFailureCode(stderrTail)
            : code,
        (error: unknown) => {
          const message = errorMessage(error);
          queue.push({ stream: "stderr", data: Buffer.from(`${message}\n`) });
          return startFailureCode(message) === 128 ? 126 : startFailureCode(message);
        },
      )
      .then((code) => {
        exec.exitCode = code;
        exec.running = false;
        emitContainer(this.core, record, "exec_die", { execID: id, exitCode: String(code) });
        queue.end();
      });
    void done;
    if (detach) return { tty: false, output: (async function* () {})() };
    return { tty: false, output: queue };
  }

  /** GET /exec/{id}/json. */
  inspect(id: string): ExecInspect {
    const exec = this.find(id);
    const record = this.core.records.get(exec.containerId);
    return execInspectView({ ...exec, pid: record?.state.pid ?? 0 });
  }

  /** Forgets the execs of a removed container. */
  forgetContainer(containerId: string): void {
    for (const [id, exec] of this.execs) if (exec.containerId === containerId) this.execs.delete(id);
  }
}
