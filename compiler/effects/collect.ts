// The direct storage uses of one function body, for footprint.ts: every
// access to a state variable with the key it is made under (the first map
// index, resolved by keys.ts; the whole variable otherwise), the internal
// calls with their argument expressions, and the first reason to run alone.
// Mirrors trace.ts's walk, but keeps the index expressions of places.
import type * as ast from "../syntax/ast.ts";
import type { FnInfo, StateInfo, TypedProgram } from "../types/model.ts";
import { keyKind, keyValue, type KeyScope } from "./keys.ts";
import type { KeyUse, RunsAlone } from "./footprint.ts";

export interface Site {
  fn: FnInfo;
  args: ast.Expr[];
  span: ast.Span;
}

export interface Facts {
  scope: KeyScope;
  uses: Map<string, KeyUse>;
  sites: Site[];
  alone: RunsAlone | null;
}

export function useId(u: KeyUse): string {
  return `${u.state.slot}|${keyKind(u.key)}|${keyValue(u.key).join(",")}|${u.write}`;
}

export function add(f: Facts, u: KeyUse): boolean {
  const id = useId(u);
  if (f.uses.has(id)) return false;
  f.uses.set(id, u);
  return true;
}

/** Collects a body's direct state uses, internal call sites and reasons to run alone. */
export class Collector {
  constructor(
    private readonly p: TypedProgram,
    private readonly f: Facts,
  ) {}

  block(b: ast.Block): void {
    for (const s of b.stmts) this.stmt(s);
  }

  private alone(why: string, span: ast.Span, what?: string): void {
    this.f.alone ??= { why, span, via: [], ...(what ? { what } : {}) };
  }

  private stmt(s: ast.Stmt): void {
    switch (s.kind) {
      case "Let":
        if (s.init) this.expr(s.init);
        return;
      case "Assign":
        this.expr(s.value);
        if (!this.access(s.target, true)) this.place(s.target);
        return;
      case "ExprStmt":
        return this.expr(s.expr);
      case "If":
        this.expr(s.cond);
        this.block(s.then);
        if (s.else?.kind === "Block") this.block(s.else);
        else if (s.else) this.stmt(s.else);
        return;
      case "While":
        this.expr(s.cond);
        return this.block(s.body);
      case "ForRange":
        this.expr(s.start);
        this.expr(s.end);
        return this.block(s.body);
      case "ForEach":
        this.expr(s.iterable);
        return this.block(s.body);
      case "Return":
        if (s.value) this.expr(s.value);
        return;
      case "Emit":
        return s.args.forEach((a) => this.expr(a));
      case "Revert":
        return this.expr(s.value);
      case "Unchecked":
      case "BlockStmt":
        return this.block(s.body);
      case "Break":
      case "Continue":
      case "ErrorStmt":
        return;
    }
  }

  /** The state variable a place is rooted in and the path from it (outward), or null for a non-storage place. */
  private storagePath(e: ast.Expr): { state: StateInfo; steps: (ast.IndexExpr | ast.MemberExpr)[] } | null {
    const steps: (ast.IndexExpr | ast.MemberExpr)[] = [];
    for (let cur = e; ; ) {
      const ref = cur.kind === "Member" ? this.p.refs.get(cur) : undefined;
      if (ref?.kind === "state") return { state: ref.state, steps: steps.reverse() };
      if (cur.kind === "Index" || (cur.kind === "Member" && ref?.kind === "field")) {
        steps.push(cur);
        cur = cur.object;
      } else return null;
    }
  }

  /** Records an access to a storage place (false: `e` is not in storage). `keyArg` keys a map used whole (`m.remove(k)`). */
  private access(e: ast.Expr, write: boolean, keyArg?: ast.Expr): boolean {
    const path = this.storagePath(e);
    if (!path) return false;
    for (const step of path.steps) if (step.kind === "Index") this.expr(step.index);
    const first = path.steps[0];
    const isMap = path.state.type.kind === "map";
    const key = !isMap ? null : first ? (first.kind === "Index" ? first.index : null) : (keyArg ?? null);
    if (key === null) add(this.f, { state: path.state, key: null, write });
    else {
      const r = this.f.scope.resolve(key);
      if (r.kind === "unknown") this.alone(`the key of \`${path.state.name}\` ${r.why}`, key.span);
      else add(this.f, { state: path.state, key: r, write });
    }
    return true;
  }

  /** A non-storage place being assigned: only its index expressions are evaluated. */
  private place(e: ast.Expr): void {
    if (e.kind === "Index") {
      this.place(e.object);
      this.expr(e.index);
    } else if (e.kind === "Member") this.place(e.object);
    else if (e.kind !== "Name") this.expr(e);
  }

  private expr(e: ast.Expr): void {
    switch (e.kind) {
      case "Member":
        if (!this.access(e, false) && e.object.kind !== "Self") this.expr(e.object);
        return;
      case "Index":
        if (!this.access(e, false)) {
          this.expr(e.object);
          this.expr(e.index);
        }
        return;
      case "Call":
        return this.call(e);
      case "StructLit":
        return e.fields.forEach((f) => this.expr(f.value));
      case "Cast":
        return this.expr(e.expr);
      case "Unary":
        return this.expr(e.operand);
      case "Binary":
        this.expr(e.left);
        return this.expr(e.right);
      case "Tuple":
      case "ArrayLit":
        return e.elems.forEach((x) => this.expr(x));
      default:
        return;
    }
  }

  private call(e: ast.CallExpr): void {
    const target = this.p.calls.get(e);
    e.args.forEach((a) => this.expr(a));
    switch (target?.kind) {
      case "internal":
        this.f.sites.push({ fn: target.fn, args: e.args, span: e.span });
        return;
      case "external":
        this.expr(target.receiver);
        return this.alone("calls another contract", e.span, `${target.iface.name}.${target.fn.name}`);
      case "method": {
        const m = target.name;
        const mutates = m === "remove" || m === "push" || m === "pop";
        const keyArg = m === "remove" || m === "contains" ? e.args[0] : undefined;
        if (m === "slice" || !this.access(target.receiver, mutates, keyArg)) this.expr(target.receiver);
        return;
      }
      default:
        return;
    }
  }
}
