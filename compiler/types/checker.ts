// The checker's driver: constants, event declarations, then each contract's
// state initializers and functions in declaration order. After each function:
// a missing `return`, and unused variables and parameters. After each
// contract: the events and errors it uses join the declared ones (for the ABI).
import type * as ast from "../syntax/ast.ts";
import type { Diagnostic } from "../diagnostics/index.ts";
import type { Resolved } from "../resolve/index.ts";
import type { ContractInfo, EventInfo, FnInfo } from "./model.ts";
import { Checker } from "./context.ts";
import { check } from "./expressions.ts";
import { checkBlock } from "./statements.ts";
import { checkConstDecl } from "./consts.ts";
import { deadFlow, liveFlow } from "./flow.ts";
import { isError, isUnit, q } from "./type-utils.ts";

const MAX_INDEXED = 3;

export function checkProgram(resolved: Resolved): Diagnostic[] {
  const cx = new Checker(resolved);
  const p = cx.program;
  for (const c of resolved.allConsts) checkConstDecl(cx, c);
  for (const ev of [...p.events, ...p.contracts.flatMap((c) => c.events)]) checkEventDecl(cx, ev);
  for (const c of p.contracts) checkContract(cx, c);
  return cx.bag.items;
}

function checkEventDecl(cx: Checker, ev: EventInfo): void {
  const indexed = ev.decl.fields.filter((f) => f.indexed);
  if (indexed.length <= MAX_INDEXED) return;
  cx.report("E0316", indexed[MAX_INDEXED]!.span, `the event \`${ev.name}\` has ${indexed.length} indexed fields; at most ${MAX_INDEXED} are allowed`, {
    label: "one indexed field too many",
    help: "each indexed field is a log topic and a log has at most 3 besides the event's own; remove `indexed` from the others",
  });
}

function checkContract(cx: Checker, c: ContractInfo): void {
  cx.contract = c;
  for (const m of c.decl.members) {
    if (m.kind === "State" && m.init) {
      const st = c.states.find((s) => s.decl === m)!;
      cx.fn = null;
      cx.flow = liveFlow();
      check(cx, m.init, st.type);
    } else if (m.kind === "Fn" || m.kind === "Init") {
      const fn = cx.program.fnOf.get(m);
      if (fn) checkFn(cx, fn, m);
    }
  }
  const uses = cx.uses.get(c);
  if (uses) {
    for (const ev of uses.events) if (!c.events.includes(ev)) c.events.push(ev);
    for (const er of uses.errors) if (!c.errors.includes(er)) c.errors.push(er);
  }
  cx.contract = null;
}

function checkFn(cx: Checker, fn: FnInfo, decl: ast.FnDecl | ast.InitDecl): void {
  if (!decl.body) return;
  cx.fn = fn;
  cx.flow = liveFlow();
  cx.loops = [];
  cx.unchecked = 0;
  checkBlock(cx, decl.body);
  if (cx.flow.live && !isUnit(fn.returns) && !isError(fn.returns) && decl.kind === "Fn") {
    cx.report("E0312", decl.name.span, `the function \`${fn.name}\` may end without returning a value`, {
      label: `must return ${q(fn.returns)}`,
      secondary: decl.returns ? [{ span: decl.returns.span, message: "result type declared here" }] : [],
      help: "add a `return` (or a `revert`) at the end of every path",
    });
  }
  cx.flow = deadFlow();
  reportUnused(cx, fn);
  cx.fn = null;
}

function reportUnused(cx: Checker, fn: FnInfo): void {
  for (const l of cx.resolved.fnLocals.get(fn) ?? []) {
    if (cx.reads.has(l) || l.name.startsWith("_") || isError(l.type)) continue;
    const fix = { title: `rename to \`_${l.name}\``, span: l.decl.span, replacement: `_${l.name}` };
    if (l.isParam)
      cx.report("W0302", l.decl.span, `unused parameter \`${l.name}\``, { help: `if this is intentional, name it \`_${l.name}\``, fixes: [fix] });
    else
      cx.report("W0301", l.decl.span, cx.writes.has(l) ? `the variable \`${l.name}\` is assigned but never read` : `unused variable \`${l.name}\``, {
        help: `remove it, or name it \`_${l.name}\` if this is intentional`,
        fixes: [fix],
      });
  }
}
