import type { ComposeIssue, LoaderHost, ProjectLoader } from "../app/compose-port.js";
import type { Clock } from "../shared/ports.js";

/** Renders compose issues with source excerpts (compose's `renderIssues`, reached through app). */
export type IssueRenderer = (
  issues: readonly ComposeIssue[],
  options: { readSource: (file: string) => string | undefined; color: boolean },
) => string;

/** Everything a command touches outside itself; main.ts wires the real host, tests a fake one. */
export interface CliContext {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  readStdin(): Promise<string>;
  readTextFile(path: string): string | undefined;
  writeTextFile(path: string, text: string): void;
  loaderHost: LoaderHost;
  /** The compose loader, loaded on demand so `version` and `--help` stay fast. */
  projectLoader(): Promise<ProjectLoader>;
  /** Compose issues and their renderer, loaded on demand when an error is shown. */
  issueTools(): Promise<{
    issuesOf(error: unknown): ComposeIssue[] | undefined;
    render: IssueRenderer;
  }>;
  version: string;
  // Optional so that contexts written before the engine commands stay valid; main.ts sets them all.
  /** Whether standard input is a terminal (prompts; `image save` refuses to write a tar to one). */
  stdinIsTTY?: boolean;
  /** Standard input as bytes (`exec -i`, `image import -`, `image load`). */
  stdinBytes?(): AsyncIterable<Uint8Array>;
  /** Writes bytes unchanged (container output, tar archives); resolves when they may be written again. */
  writeStdout?(data: Uint8Array): void | Promise<void>;
  writeStderr?(data: Uint8Array): void | Promise<void>;
  /** Asks a question on the terminal and returns the line answered. */
  prompt?(question: string): Promise<string>;
  /** The clock of the engine commands (durations "Up 3 seconds", polling); the real one by default. */
  clock?: Clock;
  /** false: never start an engine when none answers (tests); the default starts one. */
  engineAutoStart?: boolean;
}
