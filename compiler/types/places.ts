// Assignment: `target = value;` and compound `target op= value;`. A target
// is a place: a `mut` local (or a field / element path rooted in one), or a
// storage place (`self.x`, `self.m[k]`, `self.s.f`, `self.a[i]`). Parameters
// and `let` bindings without `mut` are immutable; a whole map cannot be
// assigned. Compound assignment needs an integer target.
import type * as ast from "../syntax/ast.ts";
import type { Fix, Label } from "../diagnostics/index.ts";
import { mapInside } from "../resolve/index.ts";
import type { Type } from "./model.ts";
import type { Checker } from "./context.ts";
import { U32, isError, isInt, isUnsigned, q } from "./type-utils.ts";
import { check, infer, inferWithHint } from "./expressions.ts";
import { assignLocal } from "./locals.ts";
import { isUntypedInt } from "./literals.ts";

interface PlaceProblem {
  message: string;
  help: string;
  secondary?: Label[];
  fixes?: Fix[];
}

export function checkAssign(cx: Checker, s: ast.AssignStmt): void {
  const plain = s.op === "=";
  const r = s.target.kind === "Name" ? cx.resolved.names.get(s.target) : undefined;
  if (plain && r?.kind === "local") {
    // `x = v` writes x without reading it (definite assignment starts here).
    const local = r.local;
    cx.program.types.set(s.target, local.type);
    cx.program.refs.set(s.target, { kind: "local", local });
    const problem = localProblem(local);
    if (problem) report(cx, s.target, problem);
    check(cx, s.value, local.type);
    assignLocal(cx, local);
    return;
  }
  const t = infer(cx, s.target);
  const problem = placeProblem(cx, s.target);
  if (problem) report(cx, s.target, problem);
  if (plain) {
    const why = mapInside(t);
    if (why && !problem)
      cx.report("E0311", s.target.span, "a map cannot be assigned as a whole", {
        label: why,
        help: "assign entries one by one (`self.m[k] = v`); `m.remove(k)` deletes one",
      });
    check(cx, s.value, t);
    return;
  }
  checkCompound(cx, s, t);
}

function checkCompound(cx: Checker, s: ast.AssignStmt, t: Type): void {
  const op = s.op.slice(0, -1);
  if (!isError(t) && !isInt(t)) {
    cx.report("E0310", s.opSpan, `\`${s.op}\` needs an integer target, found ${q(t)}`, {
      label: `${q(t)} is not an integer`,
      help: t.kind === "string" || t.kind === "bytes" ? "join with `+` and assign: `x = x + y;`" : "compound assignment applies to integers",
    });
    infer(cx, s.value);
    return;
  }
  if (op === "**" || op === "<<" || op === ">>") {
    const rt = isUntypedInt(s.value) ? inferWithHint(cx, s.value, U32) : infer(cx, s.value);
    const ok = op === "**" ? isUnsigned(rt) : isInt(rt);
    if (!ok && !isError(rt))
      cx.report("E0302", s.value.span, `the ${op === "**" ? "exponent must be an unsigned" : "shift amount must be an"} integer, found ${q(rt)}`);
    return;
  }
  check(cx, s.value, t);
}

function report(cx: Checker, target: ast.Expr, p: PlaceProblem): void {
  cx.report("E0309", target.span, p.message, { label: "cannot be assigned", help: p.help, secondary: p.secondary ?? [], fixes: p.fixes ?? [] });
}

/** Why a local cannot be assigned (`part`: a field or element of it is the target). */
function localProblem(local: { name: string; mutable: boolean; isParam: boolean; decl: ast.Ident }, part = false): PlaceProblem | null {
  if (local.mutable) return null;
  if (local.isParam)
    return {
      message: part ? `cannot modify the parameter \`${local.name}\`` : `cannot assign to the parameter \`${local.name}\``,
      help: `parameters are immutable; copy it first: \`let mut ${local.name} = ${local.name};\``,
      secondary: [{ span: local.decl.span, message: "parameter declared here" }],
    };
  return {
    message: part ? `cannot modify the immutable variable \`${local.name}\`` : `cannot assign twice to the immutable variable \`${local.name}\``,
    help: `declare it mutable: \`let mut ${local.name}\``,
    secondary: [{ span: local.decl.span, message: "declared without `mut` here" }],
    fixes: [{ title: "make it mutable", span: local.decl.span, replacement: `mut ${local.name}` }],
  };
}

/** Why `e` is not an assignable place, or null when it is (or when an error was reported already). */
function placeProblem(cx: Checker, e: ast.Expr, part = false): PlaceProblem | null {
  switch (e.kind) {
    case "Name": {
      const ref = cx.program.refs.get(e);
      if (!ref || ref.kind === "error") return null;
      if (ref.kind === "local") return localProblem(ref.local, part);
      if (ref.kind === "const") return { message: `cannot assign to the constant \`${ref.info.name}\``, help: "use a `state` variable for values that change" };
      if (ref.kind === "state") return null; // reported by resolve (missing `self.`)
      return { message: "this name cannot be assigned to", help: "assign to a `let mut` variable or a `self.` state variable" };
    }
    case "Member": {
      const ref = cx.program.refs.get(e);
      if (!ref || ref.kind === "error" || ref.kind === "state") return null;
      if (ref.kind === "field") return placeProblem(cx, e.object, true);
      if (ref.kind === "length")
        return { message: "`length` is read-only", help: "a storage array grows with `push(v)` and shrinks with `pop()`" };
      if (ref.kind === "env") return { message: `\`${ref.name}\` is read-only`, help: "it is set by the chain" };
      return { message: "this member cannot be assigned to", help: "assign to a state variable, a field or an element" };
    }
    case "Index": {
      const t = cx.program.types.get(e.object);
      if (t?.kind === "bytes")
        return { message: "bytes cannot be changed through an index", help: "build a new value (e.g. with `+` and `slice`)" };
      return placeProblem(cx, e.object, true);
    }
    case "ErrorExpr":
      return null;
    case "Self":
      return { message: "`self` cannot be assigned to", help: "assign to a state variable: `self.x = …`" };
    default:
      return { message: "this expression cannot be assigned to", help: "assign to a variable, a state variable (`self.x`), a field or an element" };
  }
}
