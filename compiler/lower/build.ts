// Small IR building blocks shared by the lowering files: u32 pointer
// arithmetic, counted loops, checks that panic.
import type { FnCx } from "./context.ts";
import type { Expr, IrLocal, Stmt } from "./ir.ts";
import { BOOL, E, U32 } from "./ir.ts";

export const PANIC = {
  assert: 0x01,
  overflow: 0x11,
  divZero: 0x12,
  enumValue: 0x21,
  negShift: 0x22,
  decode: 0x31,
  bounds: 0x32,
  memory: 0x41,
  selector: 0x51,
} as const;

/** a + b on u32 (addresses and lengths; cannot overflow in a 64 MiB memory). */
export function add32(a: Expr, b: Expr | number): Expr {
  const bb = typeof b === "number" ? E.i32(b) : b;
  if (bb.k === "const" && bb.value === 0n) return a;
  return { k: "bin", op: "add", ty: U32, checked: false, a, b: bb };
}

export function mul32(a: Expr, b: number): Expr {
  if (b === 1) return a;
  return { k: "bin", op: "mul", ty: U32, checked: false, a, b: E.i32(b) };
}

export function lt32(a: Expr, b: Expr): Expr {
  return { k: "cmp", op: "lt", ty: U32, a, b };
}

export function not(a: Expr): Expr {
  return { k: "not", a };
}

export function or(a: Expr, b: Expr): Expr {
  return { k: "cond", ty: BOOL, c: a, a: E.bool(true), b };
}

/** `if (!ok) panic(code)`. */
export function check(ok: Expr, code: number): Stmt {
  return { k: "if", cond: not(ok), then: [{ k: "panic", code }], else: [] };
}

/** `if (!(i < len)) panic(0x32)`: i and len are u32. */
export function boundsCheck(i: Expr, len: Expr): Stmt {
  return check(lt32(i, len), PANIC.bounds);
}

/**
 * `for i in 0..n { body }` over u32 (n is evaluated once, before the loop).
 * `body` receives the counter local.
 */
export function countedLoop(fx: FnCx, n: Expr, body: (i: IrLocal) => Stmt[], from: Expr = E.i32(0)): Stmt[] {
  const i = fx.temp(U32, "i");
  const end = n.k === "const" || n.k === "local" ? n : null;
  const out: Stmt[] = [{ k: "set", local: i.index, value: from }];
  let limit: Expr;
  if (end) limit = end;
  else {
    const l = fx.temp(U32, "n");
    out.push({ k: "set", local: l.index, value: n });
    limit = E.local(l);
  }
  const label = fx.newLabel();
  out.push({
    k: "loop",
    label,
    body: [{ k: "if", cond: not(lt32(E.local(i), limit)), then: [{ k: "break", label }], else: [] }, ...body(i)],
    next: [{ k: "set", local: i.index, value: add32(E.local(i), 1) }],
  });
  return out;
}

/** Evaluates `e` into a new temporary (unless it already is a local or constant). */
export function hold(fx: FnCx, e: Expr, type: import("./ir.ts").IrType, out: Stmt[], hint = "t"): Expr {
  if (e.k === "local" || e.k === "const" || e.k === "constBytes" || e.k === "constWord") return e;
  const t = fx.temp(type, hint);
  out.push({ k: "set", local: t.index, value: e });
  return E.local(t);
}
