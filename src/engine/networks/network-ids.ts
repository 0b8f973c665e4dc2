import { createHash } from "node:crypto";
import { join } from "node:path";
import { BerthError } from "../../shared/errors.js";

/** The default network's name, as Docker's. */
export const DEFAULT_NETWORK = "bridge";

/** Where an engine keeps its network records. */
export function networksDir(root: string): string {
  return join(root, "networks");
}

/** The deterministic id of a built-in network ("bridge", "host", "none") of one instance. */
export function builtinNetworkId(instance: string, name: string): string {
  return createHash("sha256").update(`berth-builtin/${instance}/${name}`).digest("hex");
}

/** An error the HTTP layer answers with 403 (Docker's Forbidden). */
export function forbidden(message: string): BerthError {
  return new BerthError("INVALID_ARGUMENT", message, { details: { status: 403 } });
}
