import { ComposeError } from "../errors.js";
import type { EnvLookup } from "../host.js";
import { describeFailure, expandTemplate, TemplateFailureSignal } from "./template-scanner.js";

/**
 * Expands one Compose template (`$V`, `${V:-d}`, `${V:?msg}`, `$$`, …) against `lookup`;
 * an unset variable without default becomes "". Throws a ComposeError with one issue on failure.
 */
export function substitute(template: string, lookup: EnvLookup): string {
  try {
    return expandTemplate(template, lookup);
  } catch (error: unknown) {
    if (error instanceof TemplateFailureSignal) {
      throw new ComposeError([{ path: "", message: describeFailure(error.failure) }]);
    }
    throw error;
  }
}
