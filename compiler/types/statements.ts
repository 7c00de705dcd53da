// Statements, checked in order while tracking the flow state: reachability
// (unreachable code is a warning; `return`, `revert`, `break`, `continue`,
// `assert(false)` and `require(false, …)` end a path), definite assignment
// through branches and loops, loop nesting for `break` / `continue`, and
// `return` values against the function's result type.
import type * as ast from "../syntax/ast.ts";
import { mapInside } from "../resolve/index.ts";
import type { Type } from "./model.ts";
import type { Checker } from "./context.ts";
import { BOOL, ERROR, U32, U8, isError, isInt, isUnit, q } from "./type-utils.ts";
import { check, infer } from "./expressions.ts";
import { isUntypedInt } from "./literals.ts";
import { checkAssign } from "./places.ts";
import { checkMessageOrError } from "./builtins.ts";
import { cloneFlow, deadFlow, joinAll, joinFlow } from "./flow.ts";

export function checkBlock(cx: Checker, block: ast.Block): void {
  let divergedAt: ast.Span | null = null;
  let reported = false;
  for (const s of block.stmts) {
    if (!cx.flow.live && divergedAt && !reported && s.kind !== "ErrorStmt") {
      const last = block.stmts[block.stmts.length - 1]!;
      cx.report("W0300", { ...s.span, end: last.span.end }, "unreachable code", {
        label: "this code never runs",
        secondary: [{ span: divergedAt, message: "any code after this is unreachable" }],
        help: "remove it, or move it before the statement that ends the path",
      });
      reported = true;
    }
    const wasLive = cx.flow.live;
    checkStmt(cx, s);
    if (wasLive && !cx.flow.live) divergedAt = s.span;
  }
}

function checkStmt(cx: Checker, s: ast.Stmt): void {
  switch (s.kind) {
    case "Let":
      return checkLet(cx, s);
    case "Assign":
      return checkAssign(cx, s);
    case "ExprStmt":
      return checkExprStmt(cx, s);
    case "If":
      return checkIf(cx, s);
    case "While": {
      check(cx, s.cond, BOOL);
      const v = cx.program.constValues.get(s.cond);
      loop(cx, s.body, v?.kind === "bool" && v.value);
      return;
    }
    case "ForRange":
      return checkForRange(cx, s);
    case "ForEach":
      return checkForEach(cx, s);
    case "Break":
    case "Continue": {
      const loops = cx.loops;
      if (loops.length === 0) {
        cx.report("E0314", s.span, `\`${s.kind === "Break" ? "break" : "continue"}\` outside of a loop`, {
          help: "`break` and `continue` belong inside `while` or `for`",
        });
        return;
      }
      if (s.kind === "Break") loops[loops.length - 1]!.push(cloneFlow(cx.flow));
      cx.flow = deadFlow();
      return;
    }
    case "Return":
      return checkReturn(cx, s);
    case "Emit":
      return checkEmit(cx, s);
    case "Revert":
      checkMessageOrError(cx, s.value);
      cx.flow = deadFlow();
      return;
    case "Unchecked":
      cx.unchecked++;
      checkBlock(cx, s.body);
      cx.unchecked--;
      return;
    case "BlockStmt":
      return checkBlock(cx, s.body);
    case "ErrorStmt":
      return;
  }
}

// ---------------------------------------------------------------- let

function checkLet(cx: Checker, s: ast.LetStmt): void {
  const annotated = s.type ? (cx.program.typeExprs.get(s.type) ?? ERROR) : null;
  let t: Type;
  if (s.init) {
    t = annotated ? (check(cx, s.init, annotated), annotated) : infer(cx, s.init);
    if (!annotated && isUnit(t))
      cx.report("E0325", s.init.span, "this expression has no value to bind", {
        label: "has type `()`",
        help: "call it as a statement instead: `f(…);`",
      });
  } else if (annotated) {
    t = annotated;
  } else {
    cx.report("E0325", s.pattern.span, "cannot infer the type of this binding", {
      help: "give it a type or a value: `let mut x: u256;` or `let x = 0;`",
    });
    t = ERROR;
  }
  bindPattern(cx, s.pattern, t, s.init === null);
}

/** Gives each bound local its type; destructures tuples. */
function bindPattern(cx: Checker, p: ast.Pattern, t: Type, uninitialized: boolean): void {
  switch (p.kind) {
    case "WildcardPattern":
      return;
    case "TuplePattern": {
      const ok = t.kind === "tuple" && t.elems.length === p.elems.length;
      if (!ok && !isError(t))
        cx.report("E0324", p.span, `this pattern has ${p.elems.length} elements but the value is ${q(t)}`, {
          help: t.kind === "tuple" ? `use ${t.elems.length} names (or \`_\`)` : "only tuples can be destructured",
        });
      p.elems.forEach((e, i) => bindPattern(cx, e, ok && t.kind === "tuple" ? t.elems[i]! : ERROR, uninitialized));
      return;
    }
    case "BindingPattern": {
      const local = cx.program.locals.get(p.name);
      if (!local) return;
      local.type = t;
      const why = mapInside(t);
      if (why)
        cx.report("E0311", p.name.span, `the variable \`${p.name.name}\` cannot hold ${q(t)}`, {
          label: why,
          help: "maps live only in storage; index the map where it is (`self.m[k]`) instead of copying it",
        });
      if (uninitialized) {
        if (!p.mutable)
          cx.report("E0329", p.name.span, `\`${p.name.name}\` is immutable and has no value`, {
            help: `give it a value (\`let ${p.name.name} = …;\`) or make it mutable and assign it later (\`let mut ${p.name.name}: T;\`)`,
            fixes: [{ title: "make it mutable", span: p.name.span, replacement: `mut ${p.name.name}` }],
          });
        cx.flow.unassigned.add(local);
      }
      return;
    }
  }
}

// ---------------------------------------------------------------- expression statements

function checkExprStmt(cx: Checker, s: ast.ExprStmt): void {
  const e = s.expr;
  infer(cx, e);
  if (e.kind !== "Call" && e.kind !== "ErrorExpr") {
    cx.report("W0303", e.span, "the value of this expression is not used", {
      help: e.kind === "Binary" && e.op === "==" ? "to assign, write `=`" : "remove it, or bind it: `let _ = …;`",
    });
  }
  if (e.kind === "Call" && endsPath(cx, e)) cx.flow = deadFlow();
}

/** `assert(false)` and `require(false, …)` never return. */
function endsPath(cx: Checker, call: ast.CallExpr): boolean {
  const target = cx.program.calls.get(call);
  if (target?.kind !== "builtin" || (target.name !== "assert" && target.name !== "require")) return false;
  const cond = call.args[0];
  const v = cond ? cx.program.constValues.get(cond) : undefined;
  return v?.kind === "bool" && v.value === false;
}

// ---------------------------------------------------------------- branches and loops

function checkIf(cx: Checker, s: ast.IfStmt): void {
  check(cx, s.cond, BOOL);
  const entry = cloneFlow(cx.flow);
  checkBlock(cx, s.then);
  const afterThen = cx.flow;
  cx.flow = cloneFlow(entry);
  if (s.else?.kind === "Block") checkBlock(cx, s.else);
  else if (s.else) checkIf(cx, s.else);
  cx.flow = joinFlow(afterThen, cx.flow);
}

/** A loop body that may run zero times (unless `infinite`); `break` states flow to the end. */
function loop(cx: Checker, body: ast.Block, infinite: boolean): void {
  const entry = cloneFlow(cx.flow);
  cx.loops.push([]);
  checkBlock(cx, body);
  const breaks = cx.loops.pop()!;
  cx.flow = infinite ? joinAll(breaks) : joinAll([entry, ...breaks]);
}

function checkForRange(cx: Checker, s: ast.ForRangeStmt): void {
  const su = isUntypedInt(s.start);
  const eu = isUntypedInt(s.end);
  let t: Type;
  if (su && !eu) {
    t = infer(cx, s.end);
    check(cx, s.start, t);
  } else {
    t = infer(cx, s.start);
    check(cx, s.end, t);
  }
  if (!isError(t) && !isInt(t)) {
    cx.report("E0300", s.start.span, `a range needs integer bounds, found ${q(t)}`);
    t = ERROR;
  }
  setBinding(cx, s.binding, t);
  loop(cx, s.body, false);
}

function checkForEach(cx: Checker, s: ast.ForEachStmt): void {
  const t = infer(cx, s.iterable);
  let elem: Type = ERROR;
  if (t.kind === "array") elem = t.elem;
  else if (t.kind === "bytes") elem = U8;
  else if (!isError(t))
    cx.report("E0330", s.iterable.span, `${q(t)} cannot be iterated`, {
      label: "not an array",
      help: t.kind === "map" ? "maps cannot be iterated; keep their keys in an array as well" : "`for v in …` iterates over arrays and bytes",
    });
  if (s.index) setBinding(cx, s.index, U32);
  setBinding(cx, s.value, elem);
  const why = mapInside(elem);
  if (why) cx.report("E0311", s.value.span, `the loop variable cannot hold ${q(elem)}`, { label: why });
  loop(cx, s.body, false);
}

function setBinding(cx: Checker, b: ast.BindingPattern, t: Type): void {
  const local = cx.program.locals.get(b.name);
  if (local) local.type = t;
}

// ---------------------------------------------------------------- return, emit

function checkReturn(cx: Checker, s: ast.ReturnStmt): void {
  const fn = cx.fn;
  const returns = fn ? fn.returns : ERROR;
  if (s.value) {
    if (isUnit(returns)) {
      const t = infer(cx, s.value);
      if (!isUnit(t) && !isError(t))
        cx.report("E0315", s.value.span, `the function \`${fn?.name ?? ""}\` returns nothing, but a value is returned`, {
          label: `a value of type ${q(t)}`,
          help: "remove the value, or declare a result type: `fn f(…) -> T`",
        });
    } else check(cx, s.value, returns);
  } else if (!isUnit(returns) && !isError(returns)) {
    cx.report("E0315", s.span, `the function \`${fn?.name ?? ""}\` must return a value of type ${q(returns)}`, {
      label: "missing value",
    });
  }
  cx.flow = deadFlow();
}

function checkEmit(cx: Checker, s: ast.EmitStmt): void {
  const r = cx.resolved.emits.get(s);
  if (!r || r.kind !== "event") {
    if (r && r.kind !== "unresolved")
      cx.report("E0322", s.event.span, `\`${s.event.name}\` is not an event`, { help: "declare events with `event Name(…);`" });
    for (const a of s.args) infer(cx, a);
    return;
  }
  const ev = r.info;
  cx.program.emits.set(s, ev);
  cx.useEvent(ev);
  if (s.args.length !== ev.fields.length) {
    const n = (k: number) => `${k} field${k === 1 ? "" : "s"}`;
    cx.report("E0305", s.span, `the event \`${ev.name}\` has ${n(ev.fields.length)} but ${s.args.length} ${s.args.length === 1 ? "value was" : "values were"} given`, {
      secondary: [{ span: ev.decl.name.span, message: "declared here" }],
    });
  }
  s.args.forEach((a, i) => (i < ev.fields.length ? check(cx, a, ev.fields[i]!.type) : infer(cx, a)));
}
