// Flow facts tracked while checking statements in order: whether the current
// point is reachable, and which locals declared without a value may still be
// unassigned there. Branches are joined; loops may run zero times; `break`
// states flow to the end of the loop.
import type { LocalInfo } from "./model.ts";

export interface FlowState {
  /** False after `return`, `revert`, `break`, `continue`, `assert(false)`. */
  live: boolean;
  /** Locals that are unassigned on at least one path reaching this point. */
  unassigned: Set<LocalInfo>;
}

export function liveFlow(): FlowState {
  return { live: true, unassigned: new Set() };
}

/** An unreachable point: nothing can be unassigned there. */
export function deadFlow(): FlowState {
  return { live: false, unassigned: new Set() };
}

export function cloneFlow(f: FlowState): FlowState {
  return { live: f.live, unassigned: new Set(f.unassigned) };
}

/** The state where two paths meet. */
export function joinFlow(a: FlowState, b: FlowState): FlowState {
  if (!a.live) return cloneFlow(b);
  if (!b.live) return cloneFlow(a);
  return { live: true, unassigned: new Set([...a.unassigned, ...b.unassigned]) };
}

export function joinAll(states: FlowState[]): FlowState {
  return states.reduce(joinFlow, deadFlow());
}
