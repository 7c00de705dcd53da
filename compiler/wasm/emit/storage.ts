// Storage of scalar values: one intrinsic per scalar type,
//   sload<T>(key) -> T    one getStorage; a missing key is T's zero value;
//                         the stored bytes must be exactly SCALE(T)
//                         (Panic(0x31) otherwise);
//   sstore<T>(key, v)     setStorage(key, SCALE(v)).
import type { ScalarTy } from "../../lower/ir.ts";
import { tyName } from "../../lower/ir.ts";
import type { Ex } from "../module.ts";
import type { FnEmitter, Gen } from "./context.ts";
import { wasmType } from "./context.ts";
import { get, put } from "./scale.ts";
import { intConst } from "./ints.ts";

/** The zero value of a scalar type. */
export function zeroScalar(f: FnEmitter, t: ScalarTy): Ex {
  switch (t.k) {
    case "bool":
    case "enum":
      return f.mod.c32(0);
    case "int":
      return intConst(f, t, 0n);
    case "bytes":
      return f.mod.c32(f.gen.data.bytesObject(new Uint8Array(0)));
    case "fixed":
      return f.mod.c32(f.gen.data.word(new Uint8Array(32)));
  }
}

function encodedSizeHint(t: ScalarTy): number {
  switch (t.k) {
    case "int":
      return t.bits / 8;
    case "fixed":
      return t.size;
    case "bytes":
      return 36;
    default:
      return 1;
  }
}

export function sloadFn(gen: Gen, t: ScalarTy): string {
  const vt = wasmType(t);
  return gen.intrinsic(`sload<${tyName(t)}>`, ["i32"], vt, (f) => {
    const m = f.mod;
    const v = f.scratch("i32");
    const rd = f.scratch("i32");
    const x = f.scratch(vt);
    return m.block(null, [
      m.set(v, gen.rt("storageGet", [m.get(0, "i32")])),
      m.if(m.i32.eqz(m.get(v, "i32")), m.ret(zeroScalar(f, t))),
      m.set(rd, gen.rt("rdNew", [m.get(v, "i32")])),
      m.set(x, get(f, t, m.get(rd, "i32"))),
      gen.rt("rdEnd", [m.get(rd, "i32")]),
      m.get(x, vt),
    ], vt);
  });
}

export function sstoreFn(gen: Gen, t: ScalarTy): string {
  const vt = wasmType(t);
  return gen.intrinsic(`sstore<${tyName(t)}>`, ["i32", vt], "none", (f) => {
    const m = f.mod;
    const w = f.scratch("i32");
    return m.block(null, [
      m.set(w, gen.rt("bufNew", [m.c32(encodedSizeHint(t))])),
      put(f, t, m.get(w, "i32"), m.get(1, vt)),
      gen.rt("storageSet", [m.get(0, "i32"), gen.rt("bufToBytes", [m.get(w, "i32")])]),
    ]);
  });
}
