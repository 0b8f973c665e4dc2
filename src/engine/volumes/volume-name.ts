import { BerthError } from "../../shared/errors.js";

/** Docker's rule for local volume names: an alphanumeric first character, then at least one of `[a-zA-Z0-9_.-]`. */
export const VOLUME_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** The label Docker puts on anonymous volumes. */
export const ANONYMOUS_LABEL = "com.docker.volume.anonymous";

/** Throws Docker's 400 unless `name` is a valid local volume name. */
export function checkVolumeName(name: string): string {
  if (!VOLUME_NAME_PATTERN.test(name)) {
    throw new BerthError(
      "INVALID_ARGUMENT",
      `create ${name}: "${name}" includes invalid characters for a local volume name, only ` +
        `"[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
      { details: { volume: name } },
    );
  }
  return name;
}

/** A random 64-hex name for an anonymous volume (as Docker names them). */
export function anonymousVolumeName(random: (size: number) => Buffer): string {
  return random(32).toString("hex");
}
