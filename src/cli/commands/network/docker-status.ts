import { BerthError } from "../../../shared/errors.js";
import { ExitStatus } from "../../command-exit.js";

/**
 * Runs a network command's work and ends with Docker's status for a refused value: 1 (a berth usage
 * error would end with compose's 16); the message is rendered as usual.
 */
export async function dockerStatus(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error: unknown) {
    if (error instanceof BerthError && error.code === "USAGE") throw new ExitStatus(1, error);
    throw error;
  }
}
