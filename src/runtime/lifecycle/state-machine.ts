import { StateTransitionError } from "../errors.js";

/** Lifecycle states of a container, as Docker names them. */
export type LifecycleState = "created" | "running" | "paused" | "restarting" | "exited" | "dead";

/** Every lifecycle state, in a stable order. */
export const LIFECYCLE_STATES: readonly LifecycleState[] = [
  "created",
  "running",
  "paused",
  "restarting",
  "exited",
  "dead",
];

// Allowed moves. `dead` is a removal that failed half-way: only removal (not a state) leaves it.
const allowed: Readonly<Record<LifecycleState, readonly LifecycleState[]>> = {
  created: ["running", "exited", "dead"],
  running: ["paused", "exited", "restarting", "dead"],
  paused: ["running", "exited", "dead"],
  restarting: ["running", "exited", "dead"],
  exited: ["running", "restarting", "dead"],
  dead: [],
};

/** Whether the state machine allows going from `from` to `to`. */
export function canTransition(from: LifecycleState, to: LifecycleState): boolean {
  return allowed[from].includes(to);
}

/** Returns `to` when the move is allowed; throws `StateTransitionError {from, to}` otherwise. */
export function transition(from: LifecycleState, to: LifecycleState): LifecycleState {
  if (!canTransition(from, to)) throw new StateTransitionError(from, to);
  return to;
}

/** The lifecycle state for a runc status (`created`, `running`, `paused`, `stopped`, `creating`). */
export function fromRuncStatus(status: string): LifecycleState {
  switch (status) {
    case "creating":
    case "created":
      return "created";
    case "running":
      return "running";
    case "paused":
      return "paused";
    case "stopped":
      return "exited";
    default:
      return "dead";
  }
}
