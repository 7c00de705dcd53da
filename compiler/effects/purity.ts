// `view` purity: a view function may read state but not write it (also not
// through `m.remove`, `a.push`, `a.pop`), emit events, call internal
// functions that are not `view`, or call external functions that are not
// `view`. Each offending site is reported, pointing back at the `view`
// declaration.
import type * as ast from "../syntax/ast.ts";
import type { DiagnosticBag, Label } from "../diagnostics/index.ts";
import type { FnInfo } from "../types/model.ts";
import { flatten, type Trace } from "./trace.ts";

function nameSpan(fn: FnInfo): ast.Span {
  return fn.decl.kind === "Init" ? fn.decl.nameSpan : fn.decl.name.span;
}

export function checkViewPurity(bag: DiagnosticBag, fn: FnInfo, trace: Trace): void {
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
      case "call":
        if (!a.fn.isView)
          bag.report("E0402", a.span, `the view function \`${fn.name}\` calls \`${a.fn.name}\`, which is not \`view\``, {
            label: "call to a non-view function",
            secondary: [isView, { span: nameSpan(a.fn), message: `\`${a.fn.name}\` declared without \`view\`` }],
            help: `mark \`${a.fn.name}\` \`view\` if it only reads state, or ${help}`,
          });
        break;
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
