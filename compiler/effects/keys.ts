// Map keys as the scheduler can see them before running a call: an
// expression of a function body is "expressible" when its SCALE bytes are
// known from the transaction alone — a parameter (or a struct / tuple
// component of one), `msg.sender`, `tx.origin`, `block.timestamp`,
// `block.number`, `self.address`, or a compile-time constant — possibly
// through immutable `let` bindings, struct literals, tuples and casts that
// keep the bytes (string ↔ address ↔ bytes). Anything else (state, loop
// variables, `mut` locals, arithmetic, array elements, call results) is not.
import type * as ast from "../syntax/ast.ts";
import type { ConstValue, EnvName, FnInfo, LocalInfo, Type, TypedProgram } from "../types/model.ts";
import { sameType } from "../types/model.ts";
import { constText, scaleOfConst } from "./scale.ts";

/** A key known before the call runs, in the terms of the function's own parameters. */
export type KeySource =
  /** FISCO Env: 0 caller, 1 origin, 2 block timestamp, 3 block number, 4 own address. */
  | { kind: "env"; env: number }
  /** FISCO Params: [parameter index, component index, …]. */
  | { kind: "param"; path: number[] }
  /** FISCO Const: the SCALE bytes of the key; `text` for explanations. */
  | { kind: "const"; bytes: number[]; text: string };

/** A key source, or why there is none (a phrase: "depends on the loop variable `i`"). */
export type Resolved = KeySource | { kind: "unknown"; why: string };

/** FISCO kind number of a key (Len 1, Env 2, Params 3, Const 4). */
export function keyKind(k: KeySource | null): number {
  return k === null ? 1 : k.kind === "env" ? 2 : k.kind === "param" ? 3 : 4;
}

/** FISCO `value` of a key. */
export function keyValue(k: KeySource | null): number[] {
  return k === null ? [] : k.kind === "env" ? [k.env] : k.kind === "param" ? k.path : k.bytes;
}

export const ENV_NAMES: readonly EnvName[] = ["msg.sender", "tx.origin", "block.timestamp", "block.number", "self.address"];

/** Casts that leave the SCALE bytes unchanged: all three are compact length ‖ bytes. */
const SAME_BYTES = new Set(["string", "address", "bytes"]);

function keepsBytes(from: Type | undefined, to: Type | undefined): boolean {
  if (!from || !to) return false;
  return sameType(from, to) || (SAME_BYTES.has(from.kind) && SAME_BYTES.has(to.kind));
}

/** Where a local's value comes from: an immutable binding's initializer (and the component it takes), or a loop. */
type Binding = { kind: "let"; init: ast.Expr; path: number[] } | { kind: "loop" };

/** Resolves key expressions of one function body. */
export class KeyScope {
  private readonly bindings = new Map<LocalInfo, Binding>();

  constructor(
    private readonly p: TypedProgram,
    readonly fn: FnInfo,
  ) {
    if (fn.decl.body) this.block(fn.decl.body);
  }

  resolve(e: ast.Expr, comp: number[] = []): Resolved {
    const c = this.p.constValues.get(e);
    if (c) return comp.length ? unknown("is a constant, not a struct") : this.constant(c, this.p.types.get(e));
    switch (e.kind) {
      case "Name":
        return this.name(e, comp);
      case "Member": {
        const ref = this.p.refs.get(e);
        if (ref?.kind === "field") return this.resolve(e.object, [ref.index, ...comp]);
        if (ref?.kind === "env" && !comp.length) return { kind: "env", env: ENV_NAMES.indexOf(ref.name) };
        if (ref?.kind === "state") return unknown(`is read from the state variable \`${ref.state.name}\``);
        return unknown("is not a parameter, `msg.sender`, `tx.origin`, `block.*`, `self.address` or a constant");
      }
      case "Path": {
        const ref = this.p.refs.get(e);
        if (ref?.kind === "enumVariant" && !comp.length)
          return { kind: "const", bytes: [ref.index], text: `${ref.info.name}::${ref.info.variants[ref.index]}` };
        return unknown("is not a constant key");
      }
      case "Cast":
        if (keepsBytes(this.p.types.get(e.expr), this.p.types.get(e))) return this.resolve(e.expr, comp);
        return unknown("is converted with `as`, which changes its bytes");
      case "StructLit": {
        const t = this.p.types.get(e);
        if (!comp.length || t?.kind !== "struct") return unknown("is a whole struct built in the function");
        const name = t.info.fields[comp[0]!]?.name;
        const field = e.fields.find((f) => f.name.name === name);
        return field ? this.resolve(field.value, comp.slice(1)) : unknown("is not known");
      }
      case "Tuple": {
        const elem = comp.length ? e.elems[comp[0]!] : undefined;
        return elem ? this.resolve(elem, comp.slice(1)) : unknown("is a whole tuple built in the function");
      }
      case "Index":
        return unknown("is an element of an array or a map");
      case "Call":
        return unknown("is the result of a call");
      default:
        return unknown("is computed in the function");
    }
  }

  private name(e: ast.NameExpr, comp: number[]): Resolved {
    const ref = this.p.refs.get(e);
    if (ref?.kind === "const") return comp.length ? unknown("is a constant, not a struct") : this.constant(ref.info.value, ref.info.type);
    if (ref?.kind !== "local") return unknown("is not known");
    const local = ref.local;
    if (local.isParam) {
      const index = this.fn.params.indexOf(local);
      return index < 0 ? unknown("is not known") : { kind: "param", path: [index, ...comp] };
    }
    if (local.mutable) return unknown(`depends on the mutable variable \`${local.name}\``);
    const b = this.bindings.get(local);
    if (b?.kind === "loop") return unknown(`depends on the loop variable \`${local.name}\``);
    if (!b) return unknown(`depends on \`${local.name}\`, which is assigned later`);
    const r = this.resolve(b.init, [...b.path, ...comp]);
    return r.kind === "unknown" ? unknown(`depends on \`${local.name}\`, which ${r.why}`) : r;
  }

  private constant(c: ConstValue, t: Type | undefined): Resolved {
    const bytes = t ? scaleOfConst(c, t) : null;
    return bytes ? { kind: "const", bytes, text: constText(c) } : unknown("is a constant of a type without constant keys");
  }

  // ---- bindings: one pass over the body (locals are unique per function)

  private block(b: ast.Block): void {
    for (const s of b.stmts) this.stmt(s);
  }

  private stmt(s: ast.Stmt): void {
    switch (s.kind) {
      case "Let":
        if (s.init) this.pattern(s.pattern, s.init, []);
        return;
      case "If":
        this.block(s.then);
        if (s.else?.kind === "Block") this.block(s.else);
        else if (s.else) this.stmt(s.else);
        return;
      case "While":
      case "Unchecked":
      case "BlockStmt":
        this.block(s.body);
        return;
      case "ForRange":
        this.loopVar(s.binding);
        this.block(s.body);
        return;
      case "ForEach":
        if (s.index) this.loopVar(s.index);
        this.loopVar(s.value);
        this.block(s.body);
        return;
      default:
        return;
    }
  }

  private pattern(p: ast.Pattern, init: ast.Expr, path: number[]): void {
    if (p.kind === "BindingPattern") {
      const local = this.p.locals.get(p.name);
      if (local && !local.mutable) this.bindings.set(local, { kind: "let", init, path });
    } else if (p.kind === "TuplePattern") p.elems.forEach((el, i) => this.pattern(el, init, [...path, i]));
  }

  private loopVar(p: ast.BindingPattern): void {
    const local = this.p.locals.get(p.name);
    if (local) this.bindings.set(local, { kind: "loop" });
  }
}

function unknown(why: string): Resolved {
  return { kind: "unknown", why };
}
