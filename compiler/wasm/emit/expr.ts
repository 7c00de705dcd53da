// IR expressions → Wasm. One case per IR construct; integer, SCALE and
// storage operations are delegated to ints.ts, scale.ts and storage.ts,
// everything else maps to one runtime call or a few instructions.
import type { Expr, MemWidth } from "../../lower/ir.ts";
import type { Ex } from "../module.ts";
import type { FnEmitter } from "./context.ts";
import { wasmType } from "./context.ts";
import { compare, fixedToInt, intBinary, intCast, intConst, intNeg, intNot, intShift, intToFixed } from "./ints.ts";
import { get, getLen, reader } from "./scale.ts";
import { sloadFn } from "./storage.ts";
import { stmt } from "./stmt.ts";

export function load(f: FnEmitter, width: MemWidth, ptr: Ex, offset: number): Ex {
  const m = f.mod;
  return width === "u8" ? m.load8u(ptr, offset) : width === "i64" ? m.i64.load(ptr, offset) : m.i32.load(ptr, offset);
}

export function expr(f: FnEmitter, e: Expr): Ex {
  const m = f.mod;
  const g = f.gen;
  switch (e.k) {
    case "void":
      return m.nop();
    case "const":
      return e.ty.k === "int" ? intConst(f, e.ty, e.value) : m.c32(Number(e.value));
    case "constBytes":
      return m.c32(g.data.bytesObject(e.value));
    case "constWord":
      return m.c32(g.data.word(e.value));
    case "local":
      return m.get(e.local, f.typeOfLocal(e.local));

    // ---- integers
    case "bin":
      return intBinary(f, e.op, e.ty, e.checked, expr(f, e.a), expr(f, e.b));
    case "shift":
      return intShift(f, e.op, e.ty, e.amountTy, expr(f, e.a), expr(f, e.amount));
    case "neg":
      return intNeg(f, e.ty, e.checked, expr(f, e.a));
    case "bitnot":
      return intNot(f, e.ty, expr(f, e.a));
    case "cmp":
      return compare(f, e.op, e.ty, expr(f, e.a), expr(f, e.b));
    case "cast":
      return intCast(f, e.from, e.to, e.mode, expr(f, e.a));
    case "intToFixed":
      return intToFixed(f, e.from, e.size, expr(f, e.a));
    case "fixedToInt":
      return fixedToInt(f, e.size, e.to, expr(f, e.a));

    // ---- booleans and sequencing
    case "not":
      return m.i32.eqz(expr(f, e.a));
    case "cond":
      return m.if(expr(f, e.c), expr(f, e.a), expr(f, e.b));
    case "seq":
      return m.block(null, [...e.stmts.map((s) => stmt(f, s)), expr(f, e.value)]);

    // ---- memory
    case "alloc":
      return g.rt("alloc", [expr(f, e.size)]);
    case "load":
      return load(f, e.width, expr(f, e.ptr), e.offset);

    // ---- bytes, string, address, bytesN
    case "bytesLen":
      return m.i32.load(expr(f, e.a));
    case "byteAt":
      return g.rt("bytesGet", [expr(f, e.a), expr(f, e.i)]);
    case "concat":
      return g.rt("bytesConcat", [expr(f, e.a), expr(f, e.b)]);
    case "slice":
      return g.rt("bytesSlice", [expr(f, e.a), expr(f, e.start), expr(f, e.end)]);
    case "fixedToBytes":
      return g.rt("bytesFromBytesn", [expr(f, e.a), m.c32(e.size)]);
    case "bytesToFixed":
      return g.rt("bytesnFromBytes", [expr(f, e.a), m.c32(e.size)]);
    case "hash":
      return g.rt(e.algo === "keccak256" ? "keccak256" : e.algo === "sm3" ? "sm3" : "sha256", [expr(f, e.a)]);

    // ---- storage
    case "sload":
      return m.call(sloadFn(g, e.ty), [expr(f, e.key)], wasmType(e.ty));
    case "sexists":
      return m.i32.ne(g.rt("storageGet", [expr(f, e.key)]), m.c32(0));

    // ---- SCALE
    case "writer":
      return g.rt("bufNew", [m.c32(e.hint)]);
    case "written":
      return g.rt("bufToBytes", [expr(f, e.w)]);
    case "reader":
      return reader(f, expr(f, e.data), e.skip);
    case "get":
      return get(f, e.ty, expr(f, e.r));
    case "getLen":
      return getLen(f, expr(f, e.r), e.bounded);
    case "readEnd":
      return g.rt("rdEnd", [expr(f, e.r)]);

    // ---- calls and environment
    case "call":
      return m.call(e.fn, e.args.map((a) => expr(f, a)), e.result ? wasmType(e.result) : "none");
    case "env":
      switch (e.name) {
        case "msg.sender":
          return g.rt("caller", []);
        case "tx.origin":
          return g.rt("origin", []);
        case "self.address":
          return g.rt("selfAddress", []);
        case "block.number":
          return g.rt("blockNumber", []);
        case "block.timestamp":
          return g.rt("blockTimestamp", []);
      }
      break;
    case "callData":
      return g.rt("calldata", []);
    case "extCall":
      return g.rt("call", [expr(f, e.addr), expr(f, e.data)]);
  }
}
