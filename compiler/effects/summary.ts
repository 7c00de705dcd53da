// Per-function effect summaries: which state variables a function reads and
// writes, whether it emits events or calls other contracts — directly or
// through the internal functions it calls (a fixpoint over the call graph,
// so recursion is fine). This is the data the ABI (`constant`,
// `conflictFields`) and the language server read.
import type { FnInfo, StateInfo } from "../types/model.ts";
import { flatten, type Trace } from "./trace.ts";
import type { Footprint } from "./footprint.ts";

export interface FnEffects {
  fn: FnInfo;
  /** State variables read, in slot order (including through internal calls). */
  reads: StateInfo[];
  /** State variables written, in slot order (including through internal calls). */
  writes: StateInfo[];
  readsState: boolean;
  writesState: boolean;
  /** Emits at least one event (including through internal calls). */
  emits: boolean;
  /** Calls another contract (including through internal calls). */
  externalCalls: boolean;
  /** Calls a non-`view` function of another contract (including through internal calls). */
  mutatingCalls: boolean;
  /** Internal functions called directly, in order of first call. */
  calls: FnInfo[];
  /**
   * The storage footprint (footprint.ts): the state keys the function reads
   * and writes, in terms of its parameters, the environment and constants, or
   * why it must run alone; the ABI's `conflictFields`. Null for `init`.
   */
  footprint: Footprint | null;
}

interface Direct {
  reads: Set<StateInfo>;
  writes: Set<StateInfo>;
  emits: boolean;
  externalCalls: boolean;
  mutatingCalls: boolean;
  calls: FnInfo[];
}

function direct(trace: Trace): Direct {
  const d: Direct = { reads: new Set(), writes: new Set(), emits: false, externalCalls: false, mutatingCalls: false, calls: [] };
  for (const a of flatten(trace)) {
    if (a.kind === "read") d.reads.add(a.state);
    else if (a.kind === "write") d.writes.add(a.state);
    else if (a.kind === "emit") d.emits = true;
    else if (a.kind === "external") {
      d.externalCalls = true;
      if (!a.fn.isView) d.mutatingCalls = true;
    }
    else if (a.kind === "call" && !d.calls.includes(a.fn)) d.calls.push(a.fn);
  }
  return d;
}

/** Summaries of every traced function, with effects of internal callees folded in. */
export function summarize(traces: Map<FnInfo, Trace>): Map<FnInfo, FnEffects> {
  const facts = new Map<FnInfo, Direct>();
  for (const [fn, t] of traces) facts.set(fn, direct(t));
  // Propagate callee facts to callers until nothing changes.
  let changed = true;
  while (changed) {
    changed = false;
    for (const d of facts.values()) {
      for (const callee of d.calls) {
        const c = facts.get(callee);
        if (!c) continue;
        const before = d.reads.size + d.writes.size + Number(d.emits) + Number(d.externalCalls) + Number(d.mutatingCalls);
        c.reads.forEach((s) => d.reads.add(s));
        c.writes.forEach((s) => d.writes.add(s));
        d.emits ||= c.emits;
        d.externalCalls ||= c.externalCalls;
        d.mutatingCalls ||= c.mutatingCalls;
        if (d.reads.size + d.writes.size + Number(d.emits) + Number(d.externalCalls) + Number(d.mutatingCalls) !== before) changed = true;
      }
    }
  }
  const bySlot = (a: StateInfo, b: StateInfo) => a.slot - b.slot;
  const out = new Map<FnInfo, FnEffects>();
  for (const [fn, d] of facts) {
    const reads = [...d.reads].sort(bySlot);
    const writes = [...d.writes].sort(bySlot);
    out.set(fn, {
      fn,
      reads,
      writes,
      readsState: reads.length > 0,
      writesState: writes.length > 0,
      emits: d.emits,
      externalCalls: d.externalCalls,
      mutatingCalls: d.mutatingCalls,
      calls: d.calls,
      footprint: null,
    });
  }
  return out;
}
