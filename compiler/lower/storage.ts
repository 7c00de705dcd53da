// State variables in storage (docs/abi.md "Storage keys", docs/storage.md).
//
// A storage location is a key built from parts: the state variable's name,
// then per step `$` ‖ SCALE(k) (map entry, array element as u32) or `.` ‖
// field. Scalars are stored whole under their key; aggregates are spread
// over one key per scalar leaf, so reading `self.orders[id].amount` costs
// one getStorage. Whole aggregates are read, written, deleted and tested by
// generated helpers (`sread<T>`, `swrite<T>`, `sdelete<T>`, `sexists<T>`)
// that take the key of the aggregate and derive the keys of its parts.
//
// Keys whose dynamic parts cannot change during a call (parameters, cached
// environment reads, constants) are built once per call and kept in a local.
import type { Type } from "../types/model.ts";
import type { FnCx } from "./context.ts";
import type { Expr, IrType, Stmt } from "./ir.ts";
import { BOOL, BYTES, E, U32, isScalar } from "./ir.ts";
import { countedLoop, or } from "./build.ts";
import { recordLayout, ARRAY_DATA, ARRAY_HEADER, ARRAY_LEN, slotSize, slotWidth, blockSize } from "./layout.ts";
import { irType } from "./types.ts";
import { encodeInto } from "./scale.ts";

const utf8 = new TextEncoder();

export type KeyPart =
  | { k: "raw"; bytes: Uint8Array }
  /** SCALE(value); `stable` describes a value that cannot change during the call. */
  | { k: "enc"; ty: IrType; value: Expr; stable?: string }
  /** The content of an already built key. */
  | { k: "prefix"; key: Expr; stable?: string };

export const raw = (s: string): KeyPart => ({ k: "raw", bytes: utf8.encode(s) });
export const u32Part = (i: Expr): KeyPart => ({ k: "enc", ty: U32, value: i });

/** Merges adjacent raw parts. */
function normalize(parts: KeyPart[]): KeyPart[] {
  const out: KeyPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.k === "raw" && last?.k === "raw") {
      const b = new Uint8Array(last.bytes.length + p.bytes.length);
      b.set(last.bytes);
      b.set(p.bytes, last.bytes.length);
      out[out.length - 1] = { k: "raw", bytes: b };
    } else out.push(p);
  }
  return out;
}

/** A description of the key when every part is stable, else null. */
function stableDescription(parts: KeyPart[]): string | null {
  let d = "";
  for (const p of parts) {
    if (p.k === "raw") d += JSON.stringify(new TextDecoder().decode(p.bytes));
    else if (p.stable !== undefined) d += `{${p.stable}}`;
    else return null;
  }
  return d;
}

/** The key as a bytes value; built once per call when its parts are stable. */
export function buildKey(fx: FnCx, parts: KeyPart[]): Expr {
  const ps = normalize(parts);
  if (ps.length === 1 && ps[0]!.k === "raw") return { k: "constBytes", value: ps[0].bytes };
  if (ps.length === 1 && ps[0]!.k === "prefix") return ps[0].key;
  const build = buildKeyNow(fx, ps);
  const desc = stableDescription(ps);
  if (desc === null) return build;
  let cached = fx.keyCache.get(desc);
  if (!cached) {
    cached = fx.temp(BYTES, "key");
    fx.keyCache.set(desc, cached);
  }
  // Locals start at 0, so `key == 0` means "not built yet in this call".
  return E.seq(
    [
      {
        k: "if",
        cond: { k: "cmp", op: "eq", ty: U32, a: E.local(cached), b: E.i32(0) },
        then: [{ k: "set", local: cached.index, value: build }],
        else: [],
      },
    ],
    E.local(cached),
  );
}

function buildKeyNow(fx: FnCx, parts: KeyPart[]): Expr {
  const w = fx.temp(U32, "w");
  let hint = 0;
  const stmts: Stmt[] = [];
  for (const p of parts) {
    if (p.k === "raw") {
      hint += p.bytes.length;
      stmts.push({ k: "putRaw", w: E.local(w), bytes: p.bytes });
    } else if (p.k === "prefix") {
      hint += 16;
      stmts.push({ k: "putBytesRaw", w: E.local(w), value: p.key });
    } else {
      hint += 33;
      stmts.push(...encodeInto(fx.mod, p.ty, E.local(w), p.value));
    }
  }
  return E.seq([{ k: "set", local: w.index, value: { k: "writer", hint } }, ...stmts], { k: "written", w: E.local(w) });
}

/** `key ‖ suffix…` for sub-locations inside a helper. */
function subKey(fx: FnCx, key: Expr, ...parts: KeyPart[]): Expr {
  return buildKeyNow(fx, normalize([{ k: "prefix", key }, ...parts]));
}

// ---------------------------------------------------------------- whole values

function isMap(t: Type): boolean {
  return t.kind === "map";
}

/** True when a type (or a part of it) is a map: it cannot be read, written or deleted whole. */
export function containsMap(t: Type): boolean {
  if (t.kind === "map") return true;
  if (t.kind === "struct") return t.info.fields.some((f) => containsMap(f.type));
  if (t.kind === "array") return containsMap(t.elem);
  if (t.kind === "tuple") return t.elems.some(containsMap);
  return false;
}

function parts(t: Type): { suffix: string; type: Type }[] {
  if (t.kind === "struct") return t.info.fields.map((f) => ({ suffix: `.${f.name}`, type: f.type }));
  if (t.kind === "tuple") return t.elems.map((e, i) => ({ suffix: `.${i}`, type: e }));
  return [];
}

/** Reads the whole value stored at `key` (zero values where keys are missing). */
export function sRead(fx: FnCx, t: Type, key: Expr): Expr {
  const it = irType(t);
  if (isScalar(it)) return { k: "sload", ty: it, key };
  const name = fx.mod.helper(`sread<${fx.mod.modelTypeLabel(t)}>`, [{ name: "key", type: BYTES }], it, (h) => {
    const k = E.local(0);
    if (t.kind === "array") {
      const elem = t.elem;
      const stride = slotSize(irType(elem));
      const width = slotWidth(irType(elem));
      // Element i lives under key ‖ "$" ‖ SCALE(u32 i); read `count` of them into memory at `base`.
      const readElements = (base: number, count: ReturnType<typeof E.i32>) =>
        countedLoop(h, count, (i) => [
          {
            k: "store",
            width,
            ptr: addr(E.local(base), E.local(i), stride),
            offset: 0,
            value: sRead(h, elem, subKey(h, k, raw("$"), u32Part(E.local(i)))),
          },
        ]);
      const p = h.temp(it, "v");
      if (t.size !== null) {
        h.body.push({ k: "set", local: p.index, value: { k: "alloc", size: E.i32(blockSize(it as never)) } });
        h.body.push(...readElements(p.index, E.i32(t.size)));
      } else {
        const n = h.temp(U32, "n");
        const data = h.temp(U32, "data");
        h.body.push({ k: "set", local: n.index, value: { k: "sload", ty: U32, key: k } });
        h.body.push(...newDynArray(h, p.index, data.index, E.local(n), stride));
        h.body.push(...readElements(data.index, E.local(n)));
      }
      h.body.push({ k: "return", value: E.local(p) });
      return;
    }
    const lay = recordLayout(it as never);
    const p = h.temp(it, "v");
    h.body.push({ k: "set", local: p.index, value: { k: "alloc", size: E.i32(lay.size) } });
    parts(t).forEach((f, idx) => {
      const slot = lay.fields[idx]!;
      h.body.push({ k: "store", width: slotWidth(slot.type), ptr: E.local(p), offset: slot.offset, value: sRead(h, f.type, subKey(h, k, raw(f.suffix))) });
    });
    h.body.push({ k: "return", value: E.local(p) });
  });
  return E.call(name, [key], it);
}

/** Writes a whole value at `key` (a dynamic array also deletes its old tail). */
export function sWrite(fx: FnCx, t: Type, key: Expr, value: Expr): Stmt[] {
  const it = irType(t);
  if (isScalar(it)) return [{ k: "sstore", ty: it, key, value }];
  const name = fx.mod.helper(`swrite<${fx.mod.modelTypeLabel(t)}>`, [{ name: "key", type: BYTES }, { name: "v", type: it }], null, (h) => {
    const k = E.local(0);
    const v = E.local(1);
    if (t.kind === "array") {
      const elem = t.elem;
      const et = irType(elem);
      const stride = slotSize(et);
      const width = slotWidth(et);
      const elemKey = (i: Expr) => subKey(h, k, raw("$"), u32Part(i));
      if (t.size !== null) {
        h.body.push(
          ...countedLoop(h, E.i32(t.size), (i) =>
            sWrite(h, elem, elemKey(E.local(i)), { k: "load", width, ptr: addr(v, E.local(i), stride), offset: 0 }),
          ),
        );
      } else {
        const old = h.temp(U32, "old");
        const n = h.temp(U32, "n");
        const data = h.temp(U32, "data");
        h.body.push({ k: "set", local: old.index, value: { k: "sload", ty: U32, key: k } });
        h.body.push({ k: "set", local: n.index, value: { k: "load", width: "i32", ptr: v, offset: ARRAY_LEN } });
        h.body.push({ k: "set", local: data.index, value: { k: "load", width: "i32", ptr: v, offset: ARRAY_DATA } });
        h.body.push({ k: "sstore", ty: U32, key: k, value: E.local(n) });
        h.body.push(
          ...countedLoop(h, E.local(n), (i) =>
            sWrite(h, elem, elemKey(E.local(i)), { k: "load", width, ptr: addr(E.local(data), E.local(i), stride), offset: 0 }),
          ),
        );
        h.body.push(...countedLoop(h, E.local(old), (i) => sDelete(h, elem, elemKey(E.local(i))), E.local(n)));
      }
      return;
    }
    const lay = recordLayout(it as never);
    parts(t).forEach((f, idx) => {
      const slot = lay.fields[idx]!;
      h.body.push(...sWrite(h, f.type, subKey(h, k, raw(f.suffix)), { k: "load", width: slotWidth(slot.type), ptr: v, offset: slot.offset }));
    });
  });
  return [{ k: "expr", e: E.call(name, [key, value], null) }];
}

/** Deletes everything stored for a value at `key`. Maps cannot be deleted (the caller reports it). */
export function sDelete(fx: FnCx, t: Type, key: Expr): Stmt[] {
  if (isMap(t)) return [];
  const it = irType(t);
  if (isScalar(it)) return [{ k: "sdelete", key }];
  const name = fx.mod.helper(`sdelete<${fx.mod.modelTypeLabel(t)}>`, [{ name: "key", type: BYTES }], null, (h) => {
    const k = E.local(0);
    if (t.kind === "array") {
      const elemKey = (i: Expr) => subKey(h, k, raw("$"), u32Part(i));
      const n: Expr = t.size !== null ? E.i32(t.size) : { k: "sload", ty: U32, key: k };
      h.body.push(...countedLoop(h, n, (i) => sDelete(h, t.elem, elemKey(E.local(i)))));
      if (t.size === null) h.body.push({ k: "sdelete", key: k });
      return;
    }
    for (const f of parts(t)) h.body.push(...sDelete(h, f.type, subKey(h, k, raw(f.suffix))));
  });
  return [{ k: "expr", e: E.call(name, [key], null) }];
}

/** 1 when anything is stored for a value at `key` (map entries: `m.contains(k)`). */
export function sExists(fx: FnCx, t: Type, key: Expr): Expr {
  if (isMap(t)) return E.bool(false);
  const it = irType(t);
  if (isScalar(it) || (t.kind === "array" && t.size === null)) return { k: "sexists", key };
  const name = fx.mod.helper(`sexists<${fx.mod.modelTypeLabel(t)}>`, [{ name: "key", type: BYTES }], BOOL, (h) => {
    const k = E.local(0);
    if (t.kind === "array") {
      h.body.push(
        ...countedLoop(h, E.i32(t.size!), (i) => [
          { k: "if", cond: sExists(h, t.elem, subKey(h, k, raw("$"), u32Part(E.local(i)))), then: [{ k: "return", value: E.bool(true) }], else: [] },
        ]),
      );
      h.body.push({ k: "return", value: E.bool(false) });
      return;
    }
    let any: Expr = E.bool(false);
    const ps = parts(t);
    for (let i = ps.length - 1; i >= 0; i--) {
      const f = ps[i]!;
      const e = sExists(h, f.type, subKey(h, k, raw(f.suffix)));
      any = i === ps.length - 1 ? e : or(e, any);
    }
    h.body.push({ k: "return", value: any });
  });
  return E.call(name, [key], BOOL);
}

// ---------------------------------------------------------------- memory arrays (shared with values.ts)

/** `base + i * stride` (u32). */
export function addr(base: Expr, i: Expr, stride: number): Expr {
  if (i.k === "const") return { k: "bin", op: "add", ty: U32, checked: false, a: base, b: E.i32(Number(i.value) * stride) };
  return {
    k: "bin",
    op: "add",
    ty: U32,
    checked: false,
    a: base,
    b: stride === 1 ? i : { k: "bin", op: "mul", ty: U32, checked: false, a: i, b: E.i32(stride) },
  };
}

/** Allocates a dynamic array of `n` zeroed slots into locals `p` (header) and `data`; `n` is a local or constant. */
export function newDynArray(fx: FnCx, p: number, data: number, n: Expr, stride: number): Stmt[] {
  return [
    { k: "set", local: p, value: { k: "alloc", size: E.i32(ARRAY_HEADER) } },
    { k: "set", local: data, value: { k: "alloc", size: { k: "bin", op: "mul", ty: U32, checked: true, a: n, b: E.i32(stride) } } },
    { k: "store", width: "i32", ptr: E.local(p), offset: ARRAY_LEN, value: n },
    { k: "store", width: "i32", ptr: E.local(p), offset: ARRAY_DATA, value: E.local(data) },
  ];
}

