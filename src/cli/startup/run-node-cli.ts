import { runCli } from "../run-cli.js";
import { endQuietlyOnClosedPipe, nodeCliContext } from "./node-context.js";

/** Runs berth on this process's command line and sets its exit status. */
export async function runNodeCli(): Promise<void> {
  endQuietlyOnClosedPipe();
  process.exitCode = await runCli(process.argv.slice(2), nodeCliContext());
}
