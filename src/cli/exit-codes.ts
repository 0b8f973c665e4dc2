import type { ErrorCode } from "../shared/errors.js";

/** How the CLI ends for one error code: its exit status and a one-line hint (empty for none). */
export interface ExitRule {
  status: number;
  hint: string;
}

/** Exit status used when a command line cannot be parsed (Docker Compose's CommandSyntaxFailure). */
export const usageExitStatus = 16;

// Docker Compose exits 1 for every error except command-line syntax, which exits 16; berth keeps
// that so scripts written for `docker compose` read the same statuses.
/** The one table from error codes to exit statuses and hints. */
export const exitRules: Readonly<Record<ErrorCode, ExitRule>> = {
  COMPOSE_INVALID: { status: 1, hint: "" },
  COMPOSE_NOT_FOUND: {
    status: 1,
    hint: "run berth where a compose.yaml is, or name the file with -f",
  },
  DEPENDENCY_CYCLE: {
    status: 1,
    hint: "break the cycle in depends_on (or links, network_mode, volumes_from)",
  },
  USAGE: { status: usageExitStatus, hint: "see 'berth --help'" },
  NOT_FOUND: { status: 1, hint: "" },
  CONFLICT: { status: 1, hint: "" },
  INVALID_ARGUMENT: { status: 1, hint: "" },
  STATE_TRANSITION: { status: 1, hint: "" },
  RUNTIME_COMMAND: { status: 1, hint: "run with --debug to see the command and its output" },
  ENGINE_UNAVAILABLE: { status: 1, hint: "is the berth engine running? see 'berth engine --help'" },
  GATE_TIMEOUT: { status: 1, hint: "" },
  PLAN_EXECUTION: { status: 1, hint: "" },
  INTERNAL: { status: 1, hint: "this is a bug in berth; run with --debug and report the stack trace" },
};

/** The rule for a code; unknown codes (from a newer layer) count as internal errors. */
export function exitRuleFor(code: string): ExitRule {
  return Object.hasOwn(exitRules, code) ? exitRules[code as ErrorCode] : exitRules.INTERNAL;
}
