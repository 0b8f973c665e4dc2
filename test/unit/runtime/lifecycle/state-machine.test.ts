import { describe, expect, it } from "vitest";
import { StateTransitionError } from "../../../../src/runtime/errors.js";
import {
  canTransition,
  fromRuncStatus,
  LIFECYCLE_STATES,
  type LifecycleState,
  transition,
} from "../../../../src/runtime/lifecycle/state-machine.js";

// The whole table: every (from, to) pair, allowed or not.
const allowed: Record<LifecycleState, LifecycleState[]> = {
  created: ["running", "exited", "dead"],
  running: ["paused", "exited", "restarting", "dead"],
  paused: ["running", "exited", "dead"],
  restarting: ["running", "exited", "dead"],
  exited: ["running", "restarting", "dead"],
  dead: [],
};

describe("lifecycle state machine", () => {
  for (const from of LIFECYCLE_STATES) {
    for (const to of LIFECYCLE_STATES) {
      const ok = allowed[from].includes(to);
      it(`${from} → ${to}: ${ok ? "allowed" : "refused"}`, () => {
        expect(canTransition(from, to)).toBe(ok);
        if (ok) expect(transition(from, to)).toBe(to);
        else expect(() => transition(from, to)).toThrow(StateTransitionError);
      });
    }
  }

  it("carries from and to on the error, with the STATE_TRANSITION code", () => {
    try {
      transition("exited", "paused");
      expect.unreachable();
    } catch (error: unknown) {
      expect(error).toMatchObject({ from: "exited", to: "paused", code: "STATE_TRANSITION" });
      expect((error as Error).message).toBe("cannot go from exited to paused");
    }
  });

  it.each([
    ["creating", "created"],
    ["created", "created"],
    ["running", "running"],
    ["paused", "paused"],
    ["stopped", "exited"],
    ["weird", "dead"],
  ])("maps runc status %s to %s", (runc, state) => {
    expect(fromRuncStatus(runc)).toBe(state);
  });
});
