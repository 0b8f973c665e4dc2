import type { ComposeIssue, LoaderHost, ProjectLoader } from "../app/compose-port.js";

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
}
