// Private helpers written directly in Wasm, for what the support library
// does not offer as an export: memory copy, 32-byte word comparison,
// integer ↔ bytesN conversion, bounded SCALE lengths, and a few wrapping
// variants. Each is built once per module, on first use, named `w.<name>`.
import type { Ex } from "../module.ts";
import type { Gen, FnEmitter } from "./context.ts";
import { PANIC } from "../../lower/build.ts";

/** `for (i = from; i < n; i++) body(i)` over i32 locals; `n` is a local index. */
export function forLoop(f: FnEmitter, i: number, from: Ex, n: () => Ex, body: (i: () => Ex) => Ex[], label: string): Ex {
  const m = f.mod;
  const get = () => m.get(i, "i32");
  return m.block(null, [
    m.set(i, from),
    m.block(`${label}.done`, [
      m.loop(
        `${label}.top`,
        m.block(null, [
          m.br(`${label}.done`, m.i32.geU(get(), n())),
          ...body(get),
          m.set(i, m.i32.add(get(), m.c32(1))),
          m.br(`${label}.top`),
        ]),
      ),
    ]),
  ]);
}

export function panicNow(gen: Gen, code: number): Ex {
  return gen.mod.block(null, [gen.rt("panic", [gen.mod.c32(code)]), gen.mod.unreachable()]);
}

/** memcopy(dst, src, n): non-overlapping byte copy, 8 bytes at a time. */
export function memcopy(gen: Gen): string {
  return gen.intrinsic("memcopy", ["i32", "i32", "i32"], "none", (f) => {
    const m = f.mod;
    const i = f.scratch("i32");
    const [dst, src, n] = [() => m.get(0, "i32"), () => m.get(1, "i32"), () => m.get(2, "i32")];
    const at = (base: () => Ex) => m.i32.add(base(), m.get(i, "i32"));
    return m.block(null, [
      m.set(i, m.c32(0)),
      m.block("words.done", [
        m.loop(
          "words",
          m.block(null, [
            m.br("words.done", m.i32.gtU(m.i32.add(m.get(i, "i32"), m.c32(8)), n())),
            m.i64.store(at(dst), m.i64.load(at(src))),
            m.set(i, m.i32.add(m.get(i, "i32"), m.c32(8))),
            m.br("words"),
          ]),
        ),
      ]),
      m.block("bytes.done", [
        m.loop(
          "bytes",
          m.block(null, [
            m.br("bytes.done", m.i32.geU(m.get(i, "i32"), n())),
            m.store8(at(dst), m.load8u(at(src))),
            m.set(i, m.i32.add(m.get(i, "i32"), m.c32(1))),
            m.br("bytes"),
          ]),
        ),
      ]),
    ]);
  });
}

/** word_eq(a, b): 1 when two 32-byte words are equal. */
export function wordEq(gen: Gen): string {
  return gen.intrinsic("word_eq", ["i32", "i32"], "i32", (f) => {
    const m = f.mod;
    const limb = (o: number) => m.i64.eq(m.i64.load(m.get(0, "i32"), o), m.i64.load(m.get(1, "i32"), o));
    return m.i32.and(m.i32.and(limb(0), limb(8)), m.i32.and(limb(16), limb(24)));
  });
}

/**
 * int_to_word(p, size): a 256-bit value's low `size` bytes, big-endian,
 * left-aligned in a fresh zeroed word. The limbs are little-endian in
 * memory, so BE byte j is memory byte size-1-j.
 */
export function intToWord(gen: Gen): string {
  return gen.intrinsic("int_to_word", ["i32", "i32"], "i32", (f) => {
    const m = f.mod;
    const r = f.scratch("i32");
    const j = f.scratch("i32");
    return m.block(null, [
      m.set(r, gen.rt("alloc", [m.c32(32)])),
      forLoop(f, j, m.c32(0), () => m.get(1, "i32"), (get) => [
        m.store8(m.i32.add(m.get(r, "i32"), get()), m.load8u(m.i32.sub(m.i32.add(m.get(0, "i32"), m.get(1, "i32")), m.i32.add(get(), m.c32(1))))),
      ], "bytes"),
      m.get(r, "i32"),
    ], "i32");
  });
}

/** word_to_int(p, size): the first `size` bytes of a word read big-endian, as an unsigned 256-bit value. */
export function wordToInt(gen: Gen): string {
  return gen.intrinsic("word_to_int", ["i32", "i32"], "i32", (f) => {
    const m = f.mod;
    const r = f.scratch("i32");
    const j = f.scratch("i32");
    return m.block(null, [
      m.set(r, gen.rt("alloc", [m.c32(32)])),
      forLoop(f, j, m.c32(0), () => m.get(1, "i32"), (get) => [
        m.store8(m.i32.sub(m.i32.add(m.get(r, "i32"), m.get(1, "i32")), m.i32.add(get(), m.c32(1))), m.load8u(m.i32.add(m.get(0, "i32"), get()))),
      ], "bytes"),
      m.get(r, "i32"),
    ], "i32");
  });
}

/**
 * shift_amount(p, signed) for a 256-bit shift amount: the amount as i64
 * for rt64/rt256 shifts: -1 when negative (they then Panic(0x22)), the
 * value when below 2^63, else i64::MAX (≥ any width).
 */
export function shiftAmount256(gen: Gen): string {
  return gen.intrinsic("shift_amount", ["i32", "i32"], "i64", (f) => {
    const m = f.mod;
    const zero = m.c32(gen.data.bigInt(0n));
    return m.block(null, [
      m.if(m.i32.and(m.get(1, "i32"), gen.rt("lt256", [m.get(0, "i32"), zero, m.c32(1)])), m.ret(m.c64(-1n))),
      m.if(gen.rt("fits256", [m.get(0, "i32"), m.c32(63), m.c32(0)]), m.ret(gen.rt("toI64", [m.get(0, "i32")]))),
      m.c64((1n << 63n) - 1n),
    ], "i64");
  });
}

/** put_bytes_raw(w, v): appends a bytes value's content without its length. */
export function putBytesRaw(gen: Gen): string {
  return gen.intrinsic("put_bytes_raw", ["i32", "i32"], "none", (f) => {
    const m = f.mod;
    return gen.rt("bufPutRaw", [m.get(0, "i32"), m.i32.add(m.get(1, "i32"), m.c32(4)), m.i32.load(m.get(1, "i32"))]);
  });
}

/** read_len(rd): a compact length that cannot exceed the bytes left (each element takes ≥ 1 byte). */
export function readLen(gen: Gen): string {
  return gen.intrinsic("read_len", ["i32"], "i32", (f) => {
    const m = f.mod;
    const n = f.scratch("i32");
    return m.block(null, [
      m.set(n, gen.rt("rdCompact", [m.get(0, "i32")])),
      m.if(m.i32.gtU(m.get(n, "i32"), gen.rt("rdRemaining", [m.get(0, "i32")])), panicNow(gen, PANIC.decode)),
      m.get(n, "i32"),
    ], "i32");
  });
}
