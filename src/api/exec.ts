import { z } from "zod";

/** POST /containers/{id}/exec body. */
export const ExecCreateBody = z.object({
  AttachStdin: z.boolean().nullish(),
  AttachStdout: z.boolean().nullish(),
  AttachStderr: z.boolean().nullish(),
  ConsoleSize: z.array(z.number().int().nonnegative()).nullish(),
  DetachKeys: z.string().nullish(),
  Tty: z.boolean().nullish(),
  Env: z.array(z.string()).nullish(),
  Cmd: z.array(z.string()).min(1, "No exec command specified"),
  Privileged: z.boolean().nullish(),
  User: z.string().nullish(),
  WorkingDir: z.string().nullish(),
});
/** POST /containers/{id}/exec body. */
export type ExecCreateBody = z.infer<typeof ExecCreateBody>;

/** POST /containers/{id}/exec answer (201). */
export const IdResponse = z.object({ Id: z.string() });
/** An `{Id}` answer. */
export type IdResponse = z.infer<typeof IdResponse>;

/** POST /exec/{id}/start body. */
export const ExecStartBody = z.object({
  Detach: z.boolean().nullish(),
  Tty: z.boolean().nullish(),
  ConsoleSize: z.array(z.number().int().nonnegative()).nullish(),
});
/** POST /exec/{id}/start body. */
export type ExecStartBody = z.infer<typeof ExecStartBody>;

/** GET /exec/{id}/json answer. */
export const ExecInspect = z.object({
  CanRemove: z.boolean(),
  DetachKeys: z.string(),
  ID: z.string(),
  Running: z.boolean(),
  ExitCode: z.number().int().nullable(),
  ProcessConfig: z.object({
    privileged: z.boolean(),
    user: z.string(),
    tty: z.boolean(),
    entrypoint: z.string(),
    arguments: z.array(z.string()),
  }),
  OpenStdin: z.boolean(),
  OpenStderr: z.boolean(),
  OpenStdout: z.boolean(),
  ContainerID: z.string(),
  Pid: z.number().int(),
});
/** GET /exec/{id}/json answer. */
export type ExecInspect = z.infer<typeof ExecInspect>;

/** What an exec is, as the engine (or a fake) knows it. */
export interface ExecFacts {
  id: string;
  containerId: string;
  body: ExecCreateBody;
  running: boolean;
  exitCode: number | null;
  pid: number;
}

/** GET /exec/{id}/json in Docker's shape, from what is known of the exec. Pure. */
export function execInspectView(exec: ExecFacts): ExecInspect {
  const [entrypoint = "", ...args] = exec.body.Cmd;
  return {
    CanRemove: false,
    DetachKeys: exec.body.DetachKeys ?? "",
    ID: exec.id,
    Running: exec.running,
    ExitCode: exec.exitCode,
    ProcessConfig: {
      privileged: exec.body.Privileged ?? false,
      user: exec.body.User ?? "",
      tty: exec.body.Tty ?? false,
      entrypoint,
      arguments: args,
    },
    OpenStdin: exec.body.AttachStdin ?? false,
    OpenStderr: exec.body.AttachStderr ?? false,
    OpenStdout: exec.body.AttachStdout ?? false,
    ContainerID: exec.containerId,
    Pid: exec.pid,
  };
}
