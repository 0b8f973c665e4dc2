import type { Clock } from "../../shared/ports.js";
import type { ExecCreateBody } from "./api-types.js";
import type { EnginePort } from "./engine-port.js";
import type { OutputSink } from "./run-container.js";

/** An exec: the command and its settings, attached (with optional stdin) or detached. */
export interface ExecRequest {
  container: string;
  body: ExecCreateBody;
  detach: boolean;
  stdin?: AsyncIterable<Uint8Array>;
}

type ExecPort = Pick<EnginePort, "createExec" | "startExec" | "startExecDetached" | "inspectExec">;

/**
 * `docker exec`: runs a command in a running container, streams its output and returns its exit
 * code (undefined when detached). The exit code is read once the stream ends, polling briefly
 * while the engine records it.
 */
export async function execInContainer(
  port: ExecPort,
  request: ExecRequest,
  options: { output: OutputSink; clock: Clock },
): Promise<number | undefined> {
  const attach = !request.detach;
  const body: ExecCreateBody = {
    ...request.body,
    AttachStdin: attach && request.stdin !== undefined,
    AttachStdout: attach,
    AttachStderr: attach,
  };
  const { Id } = await port.createExec(request.container, body);
  if (request.detach) {
    await port.startExecDetached(Id);
    return undefined;
  }
  const stream = port.startExec(Id, request.stdin !== undefined ? { stdin: request.stdin } : {});
  for await (const chunk of stream) options.output(chunk);
  for (let attempt = 0; attempt < 100; attempt++) {
    const state = await port.inspectExec(Id);
    if (!state.Running && state.ExitCode !== null) return state.ExitCode;
    await options.clock.sleep(20);
  }
  return (await port.inspectExec(Id)).ExitCode ?? 0;
}
