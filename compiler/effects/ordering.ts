// Checks-effects-interactions: a warning when state is written after an
// external call on some path of the same function (directly, or by calling
// an internal function that writes state). The VM refuses a reentrant call
// unless the callee is `reentrant`, but a state change after handing control
// to another contract is still the classic source of bugs; this is a lint.
import type * as ast from "../syntax/ast.ts";
import type { DiagnosticBag } from "../diagnostics/index.ts";
import type { FnInfo } from "../types/model.ts";
import type { FnEffects } from "./summary.ts";
import type { Trace } from "./trace.ts";

export function checkWritesAfterCalls(bag: DiagnosticBag, fn: FnInfo, trace: Trace, effects: Map<FnInfo, FnEffects>): void {
  const reported = new Set<ast.Span>();
  const warn = (at: ast.Span, call: ast.Span, what: string) => {
    if (reported.has(at)) return;
    reported.add(at);
    bag.report("W0400", at, `${what} after an external call in \`${fn.name}\``, {
      label: "state changes here",
      secondary: [{ span: call, message: "external call here" }],
      help: "change state before calling other contracts (checks-effects-interactions)",
    });
  };

  /** Runs a trace from a state: the span of an earlier external call on this path, or null. */
  const run = (trace: Trace, after: ast.Span | null): ast.Span | null => {
    for (const item of trace) {
      switch (item.kind) {
        case "external":
          after ??= item.span;
          break;
        case "write":
          if (after) warn(item.span, after, `\`${item.state.name}\` is written`);
          break;
        case "call": {
          const callee = effects.get(item.fn);
          if (after && callee?.writesState) warn(item.span, after, `\`${item.fn.name}\`, which writes state, is called`);
          if (callee?.externalCalls) after ??= item.span;
          break;
        }
        case "branch": {
          const ends = item.arms.map((arm) => run(arm, after));
          after = after ?? ends.find((x) => x !== null) ?? null;
          break;
        }
        case "loop": {
          // A second pass: a write early in the body follows a call from the previous iteration.
          const first = run(item.body, after);
          const second = run(item.body, first);
          after = second ?? first ?? after;
          break;
        }
        default:
          break;
      }
    }
    return after;
  };
  run(trace, null);
}
