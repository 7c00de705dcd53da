// bytes, string and address values: an i32 pointer to [u32 len][bytes].
// bytesN values: an i32 pointer to 32 bytes, the first N significant, the
// rest zero.
import { rt_alloc, checkSize, copy } from "./alloc";
import { rt_panic } from "./panic";
import { PANIC_BOUNDS } from "./codes";

@inline export function bytesLen(p: usize): u32 {
  return load<u32>(p);
}

@inline export function bytesData(p: usize): usize {
  return p + 4;
}

/** A zero-filled bytes object of `len` bytes. */
export function rt_bytes_new(len: u32): usize {
  checkSize(len);
  const p = rt_alloc(len + 4);
  store<u32>(p, len);
  return p;
}

/** A bytes object holding a copy of linear memory [off, off + len). */
export function rt_bytes_from_data(off: usize, len: u32): usize {
  const p = rt_bytes_new(len);
  copy(p + 4, off, len);
  return p;
}

export function rt_bytes_concat(a: usize, b: usize): usize {
  const la = bytesLen(a), lb = bytesLen(b);
  const p = rt_bytes_new(la + lb);
  copy(p + 4, a + 4, la);
  copy(p + 4 + la, b + 4, lb);
  return p;
}

/** -1, 0 or 1: lexicographic byte order, a proper prefix first. */
export function rt_bytes_compare(a: usize, b: usize): i32 {
  const la = bytesLen(a), lb = bytesLen(b);
  const n = la < lb ? la : lb;
  for (let i: u32 = 0; i < n; i++) {
    const x = load<u8>(a + 4 + i), y = load<u8>(b + 4 + i);
    if (x != y) return x < y ? -1 : 1;
  }
  return la == lb ? 0 : la < lb ? -1 : 1;
}

export function rt_bytes_eq(a: usize, b: usize): i32 {
  const n = bytesLen(a);
  if (n != bytesLen(b)) return 0;
  let i: u32 = 0;
  for (; i + 8 <= n; i += 8) {
    if (load<u64>(a + 4 + i) != load<u64>(b + 4 + i)) return 0;
  }
  for (; i < n; i++) {
    if (load<u8>(a + 4 + i) != load<u8>(b + 4 + i)) return 0;
  }
  return 1;
}

/** Bytes [start, end) as a new object; Panic(0x32) unless start <= end <= len. */
export function rt_bytes_slice(p: usize, start: u32, end: u32): usize {
  if (start > end || end > bytesLen(p)) rt_panic(PANIC_BOUNDS);
  return rt_bytes_from_data(p + 4 + start, end - start);
}

/** Byte i (0..255); Panic(0x32) if i >= len. */
export function rt_bytes_get(p: usize, i: u32): i32 {
  if (i >= bytesLen(p)) rt_panic(PANIC_BOUNDS);
  return load<u8>(p + 4 + i);
}

/** bytes -> bytesN; Panic(0x32) unless the length is exactly n (1..32). */
export function rt_bytesn_from_bytes(p: usize, n: u32): usize {
  if (bytesLen(p) != n || n > 32) rt_panic(PANIC_BOUNDS);
  const r = rt_alloc(32);
  copy(r, p + 4, n);
  return r;
}

/** bytesN -> bytes of length n. */
export function rt_bytes_from_bytesn(p: usize, n: u32): usize {
  return rt_bytes_from_data(p, n);
}
