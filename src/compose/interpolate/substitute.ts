import { ComposeError } from "../errors.js";
import type { EnvLookup } from "../host.js";
import { describeFailure, expandTemplate, TemplateFailureSignal } from "./template-scanner.js";

/**
 * Expands one Compose template (`$V`, `${V:-d}`, `${V:?msg}`, `$$`, …) against `lookup`;
 * an unset variable without default becomes "" (and is reported to `onUnset`). Throws a ComposeError with one issue on failure.
 */
export function substitute(
  template: string,
  lookup: EnvLookup,
  options: { onUnset?: (name: string) => void } = {},
): string {
  try {
    return expandTemplate(template, { lookup, onUnset: options.onUnset });
  } catch (error: unknown) {
    if (error instanceof TemplateFailureSignal) {
      throw new ComposeError([{ path: "", message: describeFailure(error.failure) }]);
    }
    throw error;
  }
}
