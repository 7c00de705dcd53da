// Memory values: zero values, deep copies (value semantics), record and
// array construction, element addressing with bounds checks. Aggregate
// helpers are generated once per type: `zero<T>() -> T`, `copy<T>(v) -> T`.
import type { FnCx, ModuleCx } from "./context.ts";
import type { AggTy, Expr, IrType, Stmt } from "./ir.ts";
import { E, U32, isScalar } from "./ir.ts";
import { boundsCheck, countedLoop } from "./build.ts";
import { ARRAY_DATA, ARRAY_HEADER, ARRAY_LEN, blockSize, recordLayout, slotSize, slotWidth } from "./layout.ts";
import { addr } from "./storage.ts";

const ZERO_WORD = new Uint8Array(32);

/** The zero value of a type (fresh for aggregates). */
export function zeroValue(mod: ModuleCx, t: IrType): Expr {
  switch (t.k) {
    case "bool":
    case "int":
    case "enum":
      return { k: "const", ty: t, value: 0n };
    case "bytes":
      return { k: "constBytes", value: new Uint8Array(0) };
    case "fixed":
      return { k: "constWord", value: ZERO_WORD };
    default:
      return E.call(zeroHelper(mod, t), [], t);
  }
}

/** Does a zeroed slot already hold the zero value of `t`? (small ints, bool, enum) */
function zeroIsNull(t: IrType): boolean {
  return t.k === "bool" || t.k === "enum" || (t.k === "int" && t.bits <= 64);
}

function zeroHelper(mod: ModuleCx, t: AggTy): string {
  return mod.helper(`zero<${mod.typeLabel(t)}>`, [], t, (h) => {
    const p = h.temp(t, "v");
    if (t.k === "array" && t.size === null) {
      // {len 0, data 0}
      h.body.push({ k: "return", value: { k: "alloc", size: E.i32(ARRAY_HEADER) } });
      return;
    }
    h.body.push({ k: "set", local: p.index, value: { k: "alloc", size: E.i32(blockSize(t)) } });
    if (t.k === "array") {
      if (!zeroIsNull(t.elem)) {
        const stride = slotSize(t.elem);
        h.body.push(
          ...countedLoop(h, E.i32(t.size!), (i) => [
            { k: "store", width: slotWidth(t.elem), ptr: addr(E.local(p), E.local(i), stride), offset: 0, value: zeroValue(mod, t.elem) },
          ]),
        );
      }
    } else {
      for (const f of recordLayout(t).fields) {
        if (!zeroIsNull(f.type)) h.body.push({ k: "store", width: slotWidth(f.type), ptr: E.local(p), offset: f.offset, value: zeroValue(mod, f.type) });
      }
    }
    h.body.push({ k: "return", value: E.local(p) });
  });
}

/** A deep copy of an aggregate (scalars are immutable and returned as is). */
export function copyValue(mod: ModuleCx, t: IrType, v: Expr): Expr {
  if (isScalar(t)) return v;
  return E.call(copyHelper(mod, t), [v], t);
}

function copyHelper(mod: ModuleCx, t: AggTy): string {
  return mod.helper(`copy<${mod.typeLabel(t)}>`, [{ name: "v", type: t }], t, (h) => {
    const v = E.local(0);
    const p = h.temp(t, "c");
    const deepElem = (et: IrType, ptr: Expr, offset: number): Stmt[] =>
      isScalar(et) ? [] : [{ k: "store", width: "i32", ptr, offset, value: copyValue(mod, et, { k: "load", width: "i32", ptr, offset }) }];
    if (t.k === "array" && t.size === null) {
      const n = h.temp(U32, "n");
      const data = h.temp(U32, "data");
      const stride = slotSize(t.elem);
      h.body.push({ k: "set", local: n.index, value: { k: "load", width: "i32", ptr: v, offset: ARRAY_LEN } });
      h.body.push({ k: "set", local: p.index, value: { k: "alloc", size: E.i32(ARRAY_HEADER) } });
      h.body.push({ k: "set", local: data.index, value: { k: "alloc", size: { k: "bin", op: "mul", ty: U32, checked: false, a: E.local(n), b: E.i32(stride) } } });
      h.body.push({
        k: "memcopy",
        dst: E.local(data),
        src: { k: "load", width: "i32", ptr: v, offset: ARRAY_DATA },
        len: { k: "bin", op: "mul", ty: U32, checked: false, a: E.local(n), b: E.i32(stride) },
      });
      h.body.push({ k: "store", width: "i32", ptr: E.local(p), offset: ARRAY_LEN, value: E.local(n) });
      h.body.push({ k: "store", width: "i32", ptr: E.local(p), offset: ARRAY_DATA, value: E.local(data) });
      if (!isScalar(t.elem)) {
        h.body.push(...countedLoop(h, E.local(n), (i) => deepElem(t.elem, addr(E.local(data), E.local(i), stride), 0)));
      }
      h.body.push({ k: "return", value: E.local(p) });
      return;
    }
    const size = blockSize(t);
    h.body.push({ k: "set", local: p.index, value: { k: "alloc", size: E.i32(size) } });
    h.body.push({ k: "memcopy", dst: E.local(p), src: v, len: E.i32(size) });
    if (t.k === "array") {
      if (!isScalar(t.elem)) h.body.push(...countedLoop(h, E.i32(t.size!), (i) => deepElem(t.elem, addr(E.local(p), E.local(i), 4), 0)));
    } else {
      for (const f of recordLayout(t).fields) h.body.push(...deepElem(f.type, E.local(p), f.offset));
    }
    h.body.push({ k: "return", value: E.local(p) });
  });
}

/** A new struct or tuple from field values (already owned). */
export function newRecord(fx: FnCx, t: AggTy & { k: "struct" | "tuple" }, values: Expr[]): Expr {
  const lay = recordLayout(t);
  const p = fx.temp(t, "rec");
  const stmts: Stmt[] = [{ k: "set", local: p.index, value: { k: "alloc", size: E.i32(lay.size) } }];
  lay.fields.forEach((f, i) => {
    const v = values[i]!;
    if (v.k === "const" && v.value === 0n && zeroIsNull(f.type)) return;
    stmts.push({ k: "store", width: slotWidth(f.type), ptr: E.local(p), offset: f.offset, value: v });
  });
  return E.seq(stmts, E.local(p));
}

/** A new array (fixed or dynamic) from element values (already owned). */
export function newArray(fx: FnCx, t: AggTy & { k: "array" }, values: Expr[]): Expr {
  const stride = slotSize(t.elem);
  const width = slotWidth(t.elem);
  const stmts: Stmt[] = [];
  let data: Expr;
  const p = fx.temp(t, "arr");
  if (t.size === null) {
    const d = fx.temp(U32, "data");
    stmts.push({ k: "set", local: p.index, value: { k: "alloc", size: E.i32(ARRAY_HEADER) } });
    stmts.push({ k: "set", local: d.index, value: { k: "alloc", size: E.i32(Math.max(8, values.length * stride)) } });
    stmts.push({ k: "store", width: "i32", ptr: E.local(p), offset: ARRAY_LEN, value: E.i32(values.length) });
    stmts.push({ k: "store", width: "i32", ptr: E.local(p), offset: ARRAY_DATA, value: E.local(d) });
    data = E.local(d);
  } else {
    stmts.push({ k: "set", local: p.index, value: { k: "alloc", size: E.i32(blockSize(t)) } });
    data = E.local(p);
  }
  values.forEach((v, i) => {
    if (v.k === "const" && v.value === 0n && zeroIsNull(t.elem)) return;
    stmts.push({ k: "store", width, ptr: data, offset: i * stride, value: v });
  });
  return E.seq(stmts, E.local(p));
}

/** Number of elements of a memory array (u32). */
export function arrayLength(t: AggTy & { k: "array" }, arr: Expr): Expr {
  return t.size !== null ? E.i32(t.size) : { k: "load", width: "i32", ptr: arr, offset: ARRAY_LEN };
}

/**
 * Address of element `i` of a memory array, after a bounds check
 * (Panic(0x32)). `arr` and `i` must be locals or constants (used twice).
 */
export function elementAddress(t: AggTy & { k: "array" }, arr: Expr, i: Expr, out: Stmt[]): Expr {
  const stride = slotSize(t.elem);
  if (t.size !== null) {
    if (!(i.k === "const" && i.value < BigInt(t.size))) out.push(boundsCheck(i, E.i32(t.size)));
    return addr(arr, i, stride);
  }
  out.push(boundsCheck(i, { k: "load", width: "i32", ptr: arr, offset: ARRAY_LEN }));
  return addr({ k: "load", width: "i32", ptr: arr, offset: ARRAY_DATA }, i, stride);
}

/** Address of element `i` when `i` is known to be in range (loops over the array). */
export function elementAddressUnchecked(t: AggTy & { k: "array" }, arr: Expr, i: Expr): Expr {
  const stride = slotSize(t.elem);
  return addr(t.size !== null ? arr : { k: "load", width: "i32", ptr: arr, offset: ARRAY_DATA }, i, stride);
}

