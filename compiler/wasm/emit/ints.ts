// Integer operations. Three representation classes (see lower/ir.ts):
//   S  ≤ 32 bits   i32, normalized (unsigned zero-extended, signed sign-extended)
//   M  33–64 bits  i64, normalized the same way
//   B  65–256 bits i32 pointer to 4 LE u64 limbs, normalized to 256 bits
// Checked arithmetic on S and M goes through the support library's rt64_*
// (S values are extended to i64 and the result wrapped back); B through
// rt256_*. Bitwise operations, comparisons and wrapping add/sub/mul on S
// and M are inline Wasm (normalized operands keep and/or/xor normalized).
import type { CmpOp, IntTy, ScalarTy } from "../../lower/ir.ts";
import type { RtName } from "../support/api.ts";
import type { Ex } from "../module.ts";
import type { FnEmitter } from "./context.ts";
import { intToWord, shiftAmount256, wordEq, wordToInt } from "./intrinsics.ts";

export type Cls = "S" | "M" | "B";

export function cls(t: IntTy): Cls {
  return t.bits <= 32 ? "S" : t.bits <= 64 ? "M" : "B";
}

const flag = (f: FnEmitter, b: boolean) => f.mod.c32(b ? 1 : 0);

/** A normalized constant. */
export function intConst(f: FnEmitter, t: IntTy, v: bigint): Ex {
  switch (cls(t)) {
    case "S":
      return f.mod.c32(Number(BigInt.asIntN(32, v)));
    case "M":
      return f.mod.c64(v);
    case "B":
      return f.mod.c32(f.gen.data.bigInt(v));
  }
}

/** An S or M value as a normalized i64. */
export function toI64(f: FnEmitter, t: IntTy, a: Ex): Ex {
  if (cls(t) === "M") return a;
  return t.signed ? f.mod.extendS(a) : f.mod.extendU(a);
}

/** Re-normalizes an i32 holding the low bits of an S result. */
export function truncS(f: FnEmitter, a: Ex, bits: number, signed: boolean): Ex {
  const m = f.mod;
  if (bits >= 32) return a;
  if (!signed) return m.i32.and(a, m.c32((1 << bits) - 1 || -1));
  const sh = m.c32(32 - bits);
  return m.i32.shrS(m.i32.shl(a, sh), m.c32(32 - bits));
}

function truncM(f: FnEmitter, a: Ex, t: IntTy): Ex {
  if (t.bits >= 64) return a;
  return f.gen.rt("truncate64", [a, f.mod.c32(t.bits), flag(f, t.signed)]);
}

/** A value of any class as a 256-bit (B) value. */
function toBig(f: FnEmitter, t: IntTy, a: Ex): Ex {
  if (cls(t) === "B") return a;
  return f.gen.rt(t.signed ? "fromI64" : "fromU64", [toI64(f, t, a)]);
}

const rt64: Record<string, RtName> = { add: "add64", sub: "sub64", mul: "mul64", div: "div64", mod: "mod64", pow: "pow64" };
const rt64Wrap: Record<string, RtName> = { add: "addWrap64", sub: "subWrap64", mul: "mulWrap64", pow: "powWrap64", div: "divWrap64", mod: "mod64" };
const rt256: Record<string, RtName> = { add: "add256", sub: "sub256", mul: "mul256", div: "div256", mod: "mod256", pow: "pow256" };
const rt256Wrap: Record<string, RtName> = { add: "addWrap256", sub: "subWrap256", mul: "mulWrap256", pow: "powWrap256", div: "divWrap256", mod: "mod256" };

export function intBinary(f: FnEmitter, op: string, t: IntTy, checked: boolean, a: Ex, b: Ex): Ex {
  const m = f.mod;
  const c = cls(t);
  const bits = m.c32(t.bits);
  const signed = flag(f, t.signed);
  if (op === "and" || op === "or" || op === "xor") {
    if (c === "B") return f.gen.rt(op === "and" ? "and256" : op === "or" ? "or256" : "xor256", [a, b]);
    const ops = c === "S" ? m.i32 : m.i64;
    return ops[op](a, b);
  }
  const wrapping = !checked && (op === "add" || op === "sub" || op === "mul");
  if (wrapping && c !== "B") {
    const fn = op as "add" | "sub" | "mul";
    return c === "S" ? truncS(f, m.i32[fn](a, b), t.bits, t.signed) : truncM(f, m.i64[fn](a, b), t);
  }
  if (c === "B") return f.gen.rt((checked ? rt256 : rt256Wrap)[op]!, [a, b, bits, signed]);
  // S and M through rt64 (the exponent of pow is unsigned).
  const bt: IntTy = op === "pow" ? { ...t, signed: false } : t;
  const args = [toI64(f, t, a), toI64(f, bt, b), bits, signed];
  const r = f.gen.rt((checked ? rt64 : rt64Wrap)[op]!, args);
  return c === "S" ? m.wrap(r) : r;
}

export function intShift(f: FnEmitter, op: "shl" | "shr", t: IntTy, at: IntTy, a: Ex, n: Ex): Ex {
  const m = f.mod;
  const amount = cls(at) === "B" ? m.call(shiftAmount256(f.gen), [n, flag(f, at.signed)], "i64") : toI64(f, at, n);
  const args = [amount, m.c32(t.bits), flag(f, t.signed), flag(f, at.signed)];
  switch (cls(t)) {
    case "S":
      return m.wrap(f.gen.rt(op === "shl" ? "shl64" : "shr64", [toI64(f, t, a), ...args]));
    case "M":
      return f.gen.rt(op === "shl" ? "shl64" : "shr64", [a, ...args]);
    case "B":
      return f.gen.rt(op === "shl" ? "shl256" : "shr256", [a, ...args]);
  }
}

export function intNeg(f: FnEmitter, t: IntTy, checked: boolean, a: Ex): Ex {
  const m = f.mod;
  const bits = m.c32(t.bits);
  const signed = flag(f, t.signed);
  switch (cls(t)) {
    case "S":
      if (!checked) return truncS(f, m.i32.sub(m.c32(0), a), t.bits, t.signed);
      return m.wrap(f.gen.rt("neg64", [toI64(f, t, a), bits, signed]));
    case "M":
      if (!checked) return truncM(f, m.i64.sub(m.c64(0n), a), t);
      return f.gen.rt("neg64", [a, bits, signed]);
    case "B":
      if (!checked) return f.gen.rt("negWrap256", [a, bits, signed]);
      return f.gen.rt("neg256", [a, bits, signed]);
  }
}

export function intNot(f: FnEmitter, t: IntTy, a: Ex): Ex {
  const m = f.mod;
  switch (cls(t)) {
    case "S":
      return truncS(f, m.i32.xor(a, m.c32(-1)), t.bits, t.signed);
    case "M":
      return f.gen.rt("not64", [a, m.c32(t.bits), flag(f, t.signed)]);
    case "B":
      return f.gen.rt("not256", [a, m.c32(t.bits), flag(f, t.signed)]);
  }
}

/** Comparison of two scalars (ints; equality also on bool, enum, bytes-like, bytesN). */
export function compare(f: FnEmitter, op: CmpOp, t: ScalarTy, a: Ex, b: Ex): Ex {
  const m = f.mod;
  if (t.k === "bytes" || t.k === "fixed") {
    // The checker allows only equality on these.
    const eq = t.k === "bytes" ? f.gen.rt("bytesEq", [a, b]) : m.call(wordEq(f.gen), [a, b], "i32");
    if (op !== "eq" && op !== "ne") throw new Error(`internal: ${op} on ${t.k}`);
    return op === "eq" ? eq : m.i32.eqz(eq);
  }
  const it: IntTy = t.k === "int" ? t : { k: "int", bits: 8, signed: false };
  const c = cls(it);
  if (c === "B") {
    const s = flag(f, it.signed);
    switch (op) {
      case "eq":
        return f.gen.rt("eq256", [a, b]);
      case "ne":
        return m.i32.eqz(f.gen.rt("eq256", [a, b]));
      case "lt":
        return f.gen.rt("lt256", [a, b, s]);
      case "le":
        return f.gen.rt("le256", [a, b, s]);
      case "gt":
        return m.i32.eqz(f.gen.rt("le256", [a, b, s]));
      case "ge":
        return m.i32.eqz(f.gen.rt("lt256", [a, b, s]));
    }
  }
  const ops = c === "S" ? m.i32 : m.i64;
  const s = it.signed;
  switch (op) {
    case "eq":
      return ops.eq(a, b);
    case "ne":
      return ops.ne(a, b);
    case "lt":
      return s ? ops.ltS(a, b) : ops.ltU(a, b);
    case "le":
      return s ? ops.leS(a, b) : ops.leU(a, b);
    case "gt":
      return s ? ops.gtS(a, b) : ops.gtU(a, b);
    case "ge":
      return s ? ops.geS(a, b) : ops.geU(a, b);
  }
}

/** Every value of `from` is a value of `to`. */
function preserves(from: IntTy, to: IntTy): boolean {
  return (from.signed === to.signed && to.bits >= from.bits) || (!from.signed && to.signed && to.bits > from.bits);
}

/** Integer conversion, checked (Panic(0x11) when the value does not fit) or wrapping. */
export function intCast(f: FnEmitter, from: IntTy, to: IntTy, mode: "checked" | "wrap", a: Ex): Ex {
  const m = f.mod;
  const cf = cls(from);
  const ct = cls(to);
  if (from.bits === to.bits && from.signed === to.signed) return a;
  const keep = preserves(from, to);
  const bits = m.c32(to.bits);
  const ts = flag(f, to.signed);
  const fs = flag(f, from.signed);
  if (ct === "B") {
    if (cf !== "B") {
      // Into a wide type: only a negative value into an unsigned type can fail.
      let v = toI64(f, from, a);
      if (!keep && mode === "checked") v = f.gen.rt("cast64", [v, fs, m.c32(64), m.c32(0)]);
      const big = f.gen.rt(from.signed ? "fromI64" : "fromU64", [v]);
      return keep || mode === "checked" ? big : f.gen.rt("truncate256", [big, bits, ts]);
    }
    if (keep) return a;
    return mode === "checked" ? f.gen.rt("cast256", [a, fs, bits, ts]) : f.gen.rt("truncate256", [a, bits, ts]);
  }
  // Result in i64 (then wrapped for S).
  let r: Ex;
  if (cf === "B") {
    r = mode === "checked" ? f.gen.rt("toI64", [f.gen.rt("cast256", [a, fs, bits, ts])]) : truncTo64(f, f.gen.rt("toI64", [a]), to);
  } else if (keep) {
    if (cf === ct) return a;
    r = toI64(f, from, a); // S → M widening
  } else {
    const v = toI64(f, from, a);
    r = mode === "checked" ? f.gen.rt("cast64", [v, fs, bits, ts]) : truncTo64(f, v, to);
  }
  return ct === "S" ? m.wrap(r) : r;
}

function truncTo64(f: FnEmitter, v: Ex, to: IntTy): Ex {
  return to.bits >= 64 ? v : f.gen.rt("truncate64", [v, f.mod.c32(to.bits), flag(f, to.signed)]);
}

/** An integer as a bytesN word: its low `size` bytes, big-endian, left-aligned. */
export function intToFixed(f: FnEmitter, from: IntTy, size: number, a: Ex): Ex {
  return f.mod.call(intToWord(f.gen), [toBig(f, from, a), f.mod.c32(size)], "i32");
}

/** A bytesN word as an unsigned integer of 8·size bits (then converted to `to`). */
export function fixedToInt(f: FnEmitter, size: number, to: IntTy, a: Ex): Ex {
  const big = f.mod.call(wordToInt(f.gen), [a, f.mod.c32(size)], "i32");
  return intCast(f, { k: "int", bits: 256, signed: false }, to, "checked", big);
}
