// A function body reduced to what matters for effects, in evaluation order:
// state reads and writes, events, internal and external calls — with the
// branch and loop structure kept, so that order-sensitive rules (a state
// write after an external call) can follow paths. Built from the checker's
// side tables (refs, calls), never from names.
import type * as ast from "../syntax/ast.ts";
import type { EventInfo, FnInfo, InterfaceInfo, StateInfo, TypedProgram } from "../types/model.ts";

export type Access =
  | { kind: "read"; state: StateInfo; span: ast.Span }
  /** `self.x = …`, `self.m[k] op= …`, `m.remove(k)`, `a.push(v)`, `a.pop()`. */
  | { kind: "write"; state: StateInfo; span: ast.Span; via: "assign" | "remove" | "push" | "pop" }
  | { kind: "emit"; event: EventInfo; span: ast.Span }
  | { kind: "call"; fn: FnInfo; span: ast.Span }
  | { kind: "external"; fn: FnInfo; iface: InterfaceInfo; span: ast.Span };

export type TraceItem = Access | { kind: "branch"; arms: Trace[] } | { kind: "loop"; body: Trace };
export type Trace = TraceItem[];

export function traceBody(program: TypedProgram, body: ast.Block): Trace {
  const out: Trace = [];
  new Tracer(program).block(body, out);
  return out;
}

/** Every access of a trace, in order, ignoring structure. */
export function flatten(trace: Trace): Access[] {
  const out: Access[] = [];
  const walk = (t: Trace) => {
    for (const item of t) {
      if (item.kind === "branch") item.arms.forEach(walk);
      else if (item.kind === "loop") walk(item.body);
      else out.push(item);
    }
  };
  walk(trace);
  return out;
}

class Tracer {
  constructor(private readonly p: TypedProgram) {}

  block(b: ast.Block, out: Trace): void {
    for (const s of b.stmts) this.stmt(s, out);
  }

  private stmt(s: ast.Stmt, out: Trace): void {
    switch (s.kind) {
      case "Let":
        if (s.init) this.expr(s.init, out);
        return;
      case "Assign": {
        this.expr(s.value, out);
        const root = this.placeKeys(s.target, out);
        if (root) {
          if (s.op !== "=") out.push({ kind: "read", state: root, span: s.target.span });
          out.push({ kind: "write", state: root, span: s.target.span, via: "assign" });
        }
        return;
      }
      case "ExprStmt":
        this.expr(s.expr, out);
        return;
      case "If": {
        this.expr(s.cond, out);
        const then: Trace = [];
        this.block(s.then, then);
        const other: Trace = [];
        if (s.else?.kind === "Block") this.block(s.else, other);
        else if (s.else) this.stmt(s.else, other);
        out.push({ kind: "branch", arms: [then, other] });
        return;
      }
      case "While": {
        const body: Trace = [];
        this.expr(s.cond, body);
        this.block(s.body, body);
        out.push({ kind: "loop", body });
        return;
      }
      case "ForRange": {
        this.expr(s.start, out);
        this.expr(s.end, out);
        const body: Trace = [];
        this.block(s.body, body);
        out.push({ kind: "loop", body });
        return;
      }
      case "ForEach": {
        this.expr(s.iterable, out);
        const body: Trace = [];
        this.block(s.body, body);
        out.push({ kind: "loop", body });
        return;
      }
      case "Return":
        if (s.value) this.expr(s.value, out);
        return;
      case "Emit": {
        for (const a of s.args) this.expr(a, out);
        const event = this.p.emits.get(s);
        if (event) out.push({ kind: "emit", event, span: s.span });
        return;
      }
      case "Revert":
        this.expr(s.value, out);
        return;
      case "Unchecked":
      case "BlockStmt":
        this.block(s.body, out);
        return;
      case "Break":
      case "Continue":
      case "ErrorStmt":
        return;
    }
  }

  /**
   * A place being written: evaluates its index expressions and returns the
   * state variable at its root, or null when the place is not in storage.
   */
  private placeKeys(e: ast.Expr, out: Trace): StateInfo | null {
    if (e.kind === "Member") {
      const ref = this.p.refs.get(e);
      if (ref?.kind === "state") return ref.state;
      if (ref?.kind === "field") return this.placeKeys(e.object, out);
      this.expr(e.object, out);
      return null;
    }
    if (e.kind === "Index") {
      const root = this.placeKeys(e.object, out);
      this.expr(e.index, out);
      return root;
    }
    if (e.kind !== "Name") this.expr(e, out);
    return null;
  }

  private expr(e: ast.Expr, out: Trace): void {
    switch (e.kind) {
      case "Member": {
        const ref = this.p.refs.get(e);
        if (ref?.kind === "state") out.push({ kind: "read", state: ref.state, span: e.span });
        else if (e.object.kind !== "Self") this.expr(e.object, out);
        return;
      }
      case "Index":
        this.expr(e.object, out);
        this.expr(e.index, out);
        return;
      case "Call":
        this.call(e, out);
        return;
      case "StructLit":
        for (const f of e.fields) this.expr(f.value, out);
        return;
      case "Cast":
        this.expr(e.expr, out);
        return;
      case "Unary":
        this.expr(e.operand, out);
        return;
      case "Binary":
        this.expr(e.left, out);
        this.expr(e.right, out);
        return;
      case "Tuple":
      case "ArrayLit":
        for (const x of e.elems) this.expr(x, out);
        return;
      default:
        return;
    }
  }

  private call(e: ast.CallExpr, out: Trace): void {
    const target = this.p.calls.get(e);
    const args = () => e.args.forEach((a) => this.expr(a, out));
    switch (target?.kind) {
      case "internal":
        args();
        out.push({ kind: "call", fn: target.fn, span: e.span });
        return;
      case "external":
        this.expr(target.receiver, out);
        args();
        out.push({ kind: "external", fn: target.fn, iface: target.iface, span: e.span });
        return;
      case "method":
        if (target.name === "remove" || target.name === "push" || target.name === "pop") {
          const root = this.placeKeys(target.receiver, out);
          args();
          if (root && target.name !== "remove") out.push({ kind: "read", state: root, span: e.span }); // the length
          if (root) out.push({ kind: "write", state: root, span: e.span, via: target.name });
        } else {
          this.expr(target.receiver, out);
          args();
        }
        return;
      default:
        args();
        return;
    }
  }
}
