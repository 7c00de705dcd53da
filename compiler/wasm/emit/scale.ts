// SCALE writer and reader operations on scalars, mapped to the support
// library's rt_buf_* / rt_rd_* (docs/abi.md: ints ≤ 128 bits little-endian,
// u256/i256 32 bytes big-endian, bool one byte, string/bytes/address
// compact length ‖ bytes, bytesN raw, enum one byte).
import type { ScalarTy } from "../../lower/ir.ts";
import type { Ex } from "../module.ts";
import type { FnEmitter } from "./context.ts";
import { cls, toI64 } from "./ints.ts";
import { putBytesRaw, readLen } from "./intrinsics.ts";

export function put(f: FnEmitter, t: ScalarTy, w: Ex, v: Ex): Ex {
  const m = f.mod;
  switch (t.k) {
    case "bool":
    case "enum":
      return f.gen.rt("bufPutU8", [w, v]);
    case "int":
      switch (cls(t)) {
        case "S":
        case "M":
          return f.gen.rt("bufPutInt64", [w, toI64(f, t, v), m.c32(t.bits / 8)]);
        case "B":
          return t.bits === 256 ? f.gen.rt("bufPutBigBe32", [w, v]) : f.gen.rt("bufPutBigLe", [w, v, m.c32(t.bits / 8)]);
      }
      break;
    case "bytes":
      return f.gen.rt("bufPutBytes", [w, v]);
    case "fixed":
      return f.gen.rt("bufPutBytesn", [w, v, m.c32(t.size)]);
  }
}

export function get(f: FnEmitter, t: ScalarTy, r: Ex): Ex {
  const m = f.mod;
  switch (t.k) {
    case "bool":
      return f.gen.rt("rdBool", [r]);
    case "enum":
      return f.gen.rt("rdEnum", [r, m.c32(t.count)]);
    case "int":
      switch (cls(t)) {
        case "S":
          return m.wrap(f.gen.rt("rdInt64", [r, m.c32(t.bits / 8), m.c32(t.signed ? 1 : 0)]));
        case "M":
          return f.gen.rt("rdInt64", [r, m.c32(t.bits / 8), m.c32(t.signed ? 1 : 0)]);
        case "B":
          return t.bits === 256 ? f.gen.rt("rdBigBe32", [r]) : f.gen.rt("rdBigLe", [r, m.c32(t.bits / 8), m.c32(t.signed ? 1 : 0)]);
      }
      break;
    case "bytes":
      return f.gen.rt(t.of === "bytes" ? "rdBytes" : "rdString", [r]);
    case "fixed":
      return f.gen.rt("rdBytesn", [r, m.c32(t.size)]);
  }
}

export function putLen(f: FnEmitter, w: Ex, n: Ex): Ex {
  return f.gen.rt("bufPutCompact", [w, n]);
}

export function putRaw(f: FnEmitter, w: Ex, bytes: Uint8Array): Ex {
  if (bytes.length === 0) return f.mod.nop();
  return f.gen.rt("bufPutRaw", [w, f.mod.c32(f.gen.data.raw(bytes)), f.mod.c32(bytes.length)]);
}

export function putContent(f: FnEmitter, w: Ex, v: Ex): Ex {
  return f.mod.call(putBytesRaw(f.gen), [w, v], "none");
}

export function reader(f: FnEmitter, data: Ex, skip: number): Ex {
  const rd = f.gen.rt("rdNew", [data]);
  if (skip === 0) return rd;
  return f.withTemp(rd, "i32", (get) => f.mod.block(null, [f.gen.rt("rdSkip", [get(), f.mod.c32(skip)]), get()], "i32"));
}

export function getLen(f: FnEmitter, r: Ex, bounded: boolean): Ex {
  return bounded ? f.mod.call(readLen(f.gen), [r], "i32") : f.gen.rt("rdCompact", [r]);
}
