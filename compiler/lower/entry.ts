// The module's exported entry points (shared/design/fisco-compat.md):
//
//   deploy()     rt_set_crypto; call data = SCALE(constructor args) only,
//                decoded strictly; state initializers in declaration order;
//                then the `init` body.
//   main()       rt_set_crypto; call data = selector ‖ SCALE(args). The
//                first 4 bytes are compared (as one little-endian u32) with
//                each public function's selector for the module's crypto;
//                the arguments are decoded strictly (no trailing bytes), the
//                function is called and finish(SCALE(result)) sets the
//                output. No match (or fewer than 4 bytes): Panic(0x51).
//   hash_type()  0 for keccak-256, 1 for SM3.
import type { ContractInfo, FnInfo } from "../types/model.ts";
import { selectorBytes } from "../abi/selector.ts";
import type { ModuleCx } from "./context.ts";
import { FnCx } from "./context.ts";
import type { Expr, Stmt } from "./ir.ts";
import { BYTES, E, U32 } from "./ir.ts";
import { PANIC, lt32 } from "./build.ts";
import { irResult, irType } from "./types.ts";
import { decodeFrom } from "./scale.ts";
import { encodeAll, fnName } from "./calls.ts";
import { lowerOwned } from "./expressions.ts";
import { sWrite } from "./storage.ts";

/** Statements decoding `fn`'s parameters from reader `r`, then calling it; the call expression. */
function decodeAndCall(fx: FnCx, fn: FnInfo, r: Expr, out: Stmt[]): Expr {
  const args = fn.params.map((p) => {
    const l = fx.temp(irType(p.type), p.name);
    out.push({ k: "set", local: l.index, value: decodeFrom(fx.mod, irType(p.type), r) });
    return E.local(l);
  });
  out.push({ k: "expr", e: { k: "readEnd", r } });
  return E.call(fnName(fn), args, irResult(fn.returns));
}

export function lowerDeploy(mod: ModuleCx, contract: ContractInfo): void {
  const fx = new FnCx(mod, "deploy", null);
  const out = fx.body;
  out.push({ k: "setCrypto", sm: mod.crypto === "sm" });
  const r = fx.temp(U32, "r");
  out.push({ k: "set", local: r.index, value: { k: "reader", data: { k: "callData" }, skip: 0 } });
  let call: Expr | null = null;
  if (contract.init) call = decodeAndCall(fx, contract.init, E.local(r), out);
  else out.push({ k: "expr", e: { k: "readEnd", r: E.local(r) } });
  for (const st of contract.states) {
    if (!st.decl.init) continue;
    out.push(...sWrite(fx, st.type, { k: "constBytes", value: new TextEncoder().encode(st.name) }, lowerOwned(fx, st.decl.init)));
  }
  if (call) out.push({ k: "expr", e: call });
  mod.add(fx.finish("deploy"));
}

/** The selector's 4 bytes read as a little-endian u32 (how `main` loads them). */
function selectorLE(sig: string, mod: ModuleCx): number {
  const b = selectorBytes(sig, mod.crypto);
  return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
}

export function lowerMain(mod: ModuleCx, contract: ContractInfo): void {
  const fx = new FnCx(mod, "main", null);
  const out = fx.body;
  out.push({ k: "setCrypto", sm: mod.crypto === "sm" });
  const data = fx.temp(BYTES, "data");
  const sel = fx.temp(U32, "sel");
  out.push({ k: "set", local: data.index, value: { k: "callData" } });
  out.push({ k: "if", cond: lt32({ k: "bytesLen", a: E.local(data) }, E.i32(4)), then: [{ k: "panic", code: PANIC.selector }], else: [] });
  // bytes values are [u32 len][bytes]: the selector is the u32 at offset 4.
  out.push({ k: "set", local: sel.index, value: { k: "load", width: "i32", ptr: E.local(data), offset: 4 } });
  for (const fn of contract.fns) {
    if (!fn.isPublic) continue;
    const then: Stmt[] = [];
    const r = fx.temp(U32, "r");
    then.push({ k: "set", local: r.index, value: { k: "reader", data: E.local(data), skip: 4 } });
    const call = decodeAndCall(fx, fn, E.local(r), then);
    const rt = irResult(fn.returns);
    if (rt) then.push({ k: "finish", data: encodeAll(fx, [{ t: rt, v: call }]) });
    else then.push({ k: "expr", e: call });
    then.push({ k: "return", value: null });
    out.push({ k: "if", cond: { k: "cmp", op: "eq", ty: U32, a: E.local(sel), b: E.i32(selectorLE(fn.signature, mod)) }, then, else: [] });
  }
  out.push({ k: "panic", code: PANIC.selector });
  mod.add(fx.finish("main"));
}

export function lowerHashType(mod: ModuleCx): void {
  const fx = new FnCx(mod, "hash_type", U32);
  fx.body.push({ k: "return", value: E.i32(mod.crypto === "sm" ? 1 : 0) });
  mod.add(fx.finish("hash_type"));
}
