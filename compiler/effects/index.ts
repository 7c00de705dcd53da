// The effects pass: for every contract function (and `init`), what it does
// to the world — state read and written, events, external calls — as data
// for the ABI and the language server; `view` purity errors; and the
// checks-effects-interactions lint. Runs on a TypedProgram without errors
// (with errors it still never throws: missing table entries are skipped).
//
//   trace      a body reduced to ordered accesses, branches and loops
//   summary    per-function summaries, closed over internal calls
//   purity     `view` functions (E0400–E0404)
//   ordering   a state write after an external call (W0400)
//   keys, footprint   the state keys each function touches (conflictFields)
import { sortDiagnostics, DiagnosticBag, type Diagnostic } from "../diagnostics/index.ts";
import type { FnInfo, TypedProgram } from "../types/model.ts";
import { traceBody, type Trace } from "./trace.ts";
import { summarize, type FnEffects } from "./summary.ts";
import { checkViewPurity } from "./purity.ts";
import { checkWritesAfterCalls } from "./ordering.ts";
import { computeFootprints } from "./footprint.ts";

export type { FnEffects } from "./summary.ts";
export type { Access, Trace, TraceItem } from "./trace.ts";
export type { Footprint, KeyUse, RunsAlone } from "./footprint.ts";
export type { KeySource } from "./keys.ts";

export function analyzeEffects(program: TypedProgram): { effects: Map<FnInfo, FnEffects>; diagnostics: Diagnostic[] } {
  const traces = new Map<FnInfo, Trace>();
  for (const c of program.contracts) {
    for (const fn of c.init ? [c.init, ...c.fns] : c.fns) {
      const body = fn.decl.body;
      if (body) traces.set(fn, traceBody(program, body));
    }
  }
  const effects = summarize(traces);
  const footprints = computeFootprints(program, [...traces.keys()].filter((fn) => !fn.isInit));
  for (const [fn, fp] of footprints) effects.get(fn)!.footprint = fp;
  const bag = new DiagnosticBag();
  for (const [fn, trace] of traces) {
    checkViewPurity(bag, fn, trace, effects);
    checkWritesAfterCalls(bag, fn, trace, effects);
  }
  return { effects, diagnostics: sortDiagnostics(bag.items) };
}
