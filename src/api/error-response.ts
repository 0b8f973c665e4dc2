import { z } from "zod";

/** Docker's error body: every 4xx/5xx answer carries exactly this. */
export const ErrorResponse = z.object({ message: z.string() });
/** Docker's error body. */
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** Response header carrying the berth error code, so berth's client restores codes exactly. */
export const ERROR_CODE_HEADER = "berth-error-code";
