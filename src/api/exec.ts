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
