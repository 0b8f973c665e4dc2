import { z } from "zod";
import { boolParam, intParam, textParam, timeParam } from "./query.js";

/** Whether a start/stop changed anything: Docker answers 204 when it did and 304 when not. */
export type StateChange = "changed" | "unchanged";

/** POST /containers/{id}/stop and /restart query: grace seconds and signal. */
export const ContainerStopQuery = z.object({ t: intParam, signal: textParam });
/** POST /containers/{id}/stop and /restart query. */
export type ContainerStopQuery = z.infer<typeof ContainerStopQuery>;

/** POST /containers/{id}/kill query. */
export const ContainerKillQuery = z.object({ signal: textParam });
/** POST /containers/{id}/kill query. */
export type ContainerKillQuery = z.infer<typeof ContainerKillQuery>;

/** POST /containers/{id}/wait query. */
export const ContainerWaitQuery = z.object({
  condition: z
    .enum(["not-running", "next-exit", "removed", ""])
    .optional()
    .transform((v) => v || "not-running"),
});
/** POST /containers/{id}/wait query. */
export type ContainerWaitQuery = z.infer<typeof ContainerWaitQuery>;

/** POST /containers/{id}/wait answer. */
export const ContainerWaitResponse = z.object({
  StatusCode: z.number().int(),
  Error: z.object({ Message: z.string() }).nullish(),
});
/** POST /containers/{id}/wait answer. */
export type ContainerWaitResponse = z.infer<typeof ContainerWaitResponse>;

/** DELETE /containers/{id} query. */
export const ContainerRemoveQuery = z.object({ force: boolParam, v: boolParam, link: boolParam });
/** DELETE /containers/{id} query. */
export type ContainerRemoveQuery = z.infer<typeof ContainerRemoveQuery>;

/** GET /containers/{id}/json query. */
export const ContainerInspectQuery = z.object({ size: boolParam });

/** GET /containers/{id}/logs query: which streams, follow, time window, timestamps and tail. */
export const ContainerLogsQuery = z.object({
  follow: boolParam,
  stdout: boolParam,
  stderr: boolParam,
  since: timeParam,
  until: timeParam,
  timestamps: boolParam,
  tail: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "" || value === "all") return undefined;
      const n = Number(value);
      if (!Number.isInteger(n)) {
        ctx.addIssue({ code: "custom", message: `invalid tail value "${value}"` });
        return z.NEVER;
      }
      return n < 0 ? undefined : n;
    }),
});
/** GET /containers/{id}/logs query (`tail` undefined = all; times in Unix seconds). */
export type ContainerLogsQuery = z.infer<typeof ContainerLogsQuery>;

/** GET /containers/{id}/top query. */
export const ContainerTopQuery = z.object({ ps_args: textParam });
/** GET /containers/{id}/top query. */
export type ContainerTopQuery = z.infer<typeof ContainerTopQuery>;

/** GET /containers/{id}/top answer. */
export const ContainerTopResponse = z.object({
  Titles: z.array(z.string()),
  Processes: z.array(z.array(z.string())),
});
/** GET /containers/{id}/top answer. */
export type ContainerTopResponse = z.infer<typeof ContainerTopResponse>;

/** One piece of container output: a line, or part of one when it does not end in a newline. */
export interface OutputChunk {
  stream: "stdout" | "stderr";
  data: Buffer;
}

/** One piece of logged output with the time it was written (RFC 3339 with nanoseconds, UTC). */
export interface LogChunk extends OutputChunk {
  time: string;
}
