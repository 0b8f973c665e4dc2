import { BerthError, type BerthErrorOptions } from "../../shared/errors.js";

/** A container spec that cannot be turned into a runnable OCI config (bad user, empty argv, …). */
export class ContainerSpecError extends BerthError {
  constructor(message: string, options: BerthErrorOptions = {}) {
    super("INVALID_ARGUMENT", message, options);
  }
}
