// IR statements → Wasm, including structured control flow. An IR loop
// with label n becomes
//   (block $Ln.brk
//     (loop $Ln.top
//       (block $Ln.cont <body>)   ;; only when the body uses `continue`
//       <next>
//       (br $Ln.top)))
// so `break` is `br $Ln.brk` and `continue` is `br $Ln.cont`.
import type { Expr, Stmt } from "../../lower/ir.ts";
import type { Ex } from "../module.ts";
import type { FnEmitter } from "./context.ts";
import { expr } from "./expr.ts";
import { put, putContent, putLen, putRaw } from "./scale.ts";
import { sstoreFn } from "./storage.ts";
import { memcopy, panicNow } from "./intrinsics.ts";

export function stmts(f: FnEmitter, list: Stmt[]): Ex[] {
  return list.map((s) => stmt(f, s));
}

function block(f: FnEmitter, list: Stmt[]): Ex {
  if (list.length === 1) return stmt(f, list[0]!);
  return f.mod.block(null, stmts(f, list));
}

export function stmt(f: FnEmitter, s: Stmt): Ex {
  const m = f.mod;
  const g = f.gen;
  switch (s.k) {
    case "expr":
      return m.stmt(expr(f, s.e));
    case "set":
      return m.set(s.local, expr(f, s.value));
    case "store": {
      const ptr = expr(f, s.ptr);
      const v = expr(f, s.value);
      return s.width === "u8" ? m.store8(ptr, v, s.offset) : s.width === "i64" ? m.i64.store(ptr, v, s.offset) : m.i32.store(ptr, v, s.offset);
    }
    case "if":
      return m.if(expr(f, s.cond), block(f, s.then), s.else.length ? block(f, s.else) : undefined);
    case "loop": {
      const name = `L${s.label}`;
      const body = usesContinue(s.body, s.label) ? [m.block(`${name}.cont`, stmts(f, s.body))] : stmts(f, s.body);
      return m.block(`${name}.brk`, [m.loop(`${name}.top`, m.block(null, [...body, ...stmts(f, s.next), m.br(`${name}.top`)]))]);
    }
    case "break":
      return m.br(`L${s.label}.brk`);
    case "continue":
      return m.br(`L${s.label}.cont`);
    case "return":
      return s.value ? m.ret(expr(f, s.value)) : m.ret();

    // ---- storage
    case "sstore":
      return m.call(sstoreFn(g, s.ty), [expr(f, s.key), expr(f, s.value)], "none");
    case "sdelete":
      return g.rt("storageDelete", [expr(f, s.key)]);

    // ---- SCALE writer
    case "put":
      return put(f, s.ty, expr(f, s.w), expr(f, s.value));
    case "putLen":
      return putLen(f, expr(f, s.w), expr(f, s.len));
    case "putRaw":
      return putRaw(f, expr(f, s.w), s.bytes);
    case "putBytesRaw":
      return putContent(f, expr(f, s.w), expr(f, s.value));

    // ---- host
    case "log": {
      const topics: Ex[] = s.topics.map((t: Expr) => expr(f, t));
      while (topics.length < 4) topics.push(m.c32(0));
      return g.rt("log", [expr(f, s.data), m.c32(s.topics.length), ...topics]);
    }
    case "finish":
      return g.rt("finish", [expr(f, s.data)]);
    case "setCrypto":
      return g.rt("setCrypto", [m.c32(s.sm ? 1 : 0)]);
    case "panic":
      return panicNow(g, s.code);
    case "revert":
      return m.block(null, [g.rt("revert", [expr(f, s.data)]), m.unreachable()]);
    case "revertString":
      return m.block(null, [g.rt("revertString", [expr(f, s.message)]), m.unreachable()]);
    case "memcopy":
      return m.call(memcopy(g), [expr(f, s.dst), expr(f, s.src), expr(f, s.len)], "none");
  }
}

/** Does a loop body contain `continue` for this label (outside nested expressions)? */
function usesContinue(list: Stmt[], label: number): boolean {
  return list.some((s) => {
    if (s.k === "continue") return s.label === label;
    if (s.k === "if") return usesContinue(s.then, label) || usesContinue(s.else, label);
    if (s.k === "loop") return usesContinue(s.body, label) || usesContinue(s.next, label);
    return false;
  });
}

