// `view` purity: a view function may read state but not write it (also not
// through `m.remove`, `a.push`, `a.pop`), emit events, or call external
// functions that are not `view`. It may call an internal function that is not
// marked `view` only when the compiler proves that function (with everything
// it calls) pure in the same sense. Each offending site is reported, pointing
// back at the `view` declaration.
import type * as ast from "../syntax/ast.ts";
import type { DiagnosticBag, Label } from "../diagnostics/index.ts";
import type { FnInfo } from "../types/model.ts";
import { flatten, type Trace } from "./trace.ts";
import type { FnEffects } from "./summary.ts";

/** What an internal function does that a view function may not, in words; null if it is pure. */
function impurity(e: FnEffects | undefined): string | null {
  if (!e) return null;
  if (e.writesState) return `writes \`${e.writes.map((s) => s.name).join("`, `")}\``;
  if (e.emits) return "emits events";
  if (e.mutatingCalls) return "calls a non-view function of another contract";
  return null;
}

function nameSpan(fn: FnInfo): ast.Span {
  return fn.decl.kind === "Init" ? fn.decl.nameSpan : fn.decl.name.span;
}

export function checkViewPurity(bag: DiagnosticBag, fn: FnInfo, trace: Trace, effects: Map<FnInfo, FnEffects>): void {
  if (!fn.isView) return;
  const isView: Label = { span: nameSpan(fn), message: `\`${fn.name}\` is declared \`view\` here` };
  const help = `remove \`view\` from \`${fn.name}\` if it must change state`;
  for (const a of flatten(trace)) {
    switch (a.kind) {
      case "write":
        if (a.via === "assign")
          bag.report("E0400", a.span, `the view function \`${fn.name}\` writes the state variable \`${a.state.name}\``, {
            label: "writes state",
            secondary: [isView],
            help,
          });
        else
          bag.report("E0404", a.span, `the view function \`${fn.name}\` changes \`${a.state.name}\` with \`${a.via}\``, {
            label: `\`${a.via}\` modifies storage`,
            secondary: [isView],
            help,
          });
        break;
      case "emit":
        bag.report("E0401", a.span, `the view function \`${fn.name}\` emits the event \`${a.event.name}\``, {
          label: "emits",
          secondary: [isView],
          help,
        });
        break;
      case "call": {
        const why = a.fn.isView ? null : impurity(effects.get(a.fn));
        if (why)
          bag.report("E0402", a.span, `the view function \`${fn.name}\` calls \`${a.fn.name}\`, which ${why}`, {
            label: "call to a function that changes state",
            secondary: [isView, { span: nameSpan(a.fn), message: `\`${a.fn.name}\` declared here` }],
            help,
          });
        break;
      }
      case "external":
        if (!a.fn.isView)
          bag.report("E0403", a.span, `the view function \`${fn.name}\` calls \`${a.iface.name}.${a.fn.name}\`, which is not \`view\``, {
            label: "external call that may change state",
            secondary: [isView, { span: nameSpan(a.fn), message: `\`${a.fn.name}\` declared without \`view\`` }],
            help: `only \`view\` functions of other contracts can be called from a view function; ${help}`,
          });
        break;
      case "read":
        break;
    }
  }
}
