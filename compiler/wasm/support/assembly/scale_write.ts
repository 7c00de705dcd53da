// SCALE writer: a growable buffer. A buffer is an 8-byte header
// [u32 obj][u32 cap] where obj is a bytes object [u32 len][cap bytes].
// rt_buf_to_bytes hands out obj itself and marks the buffer frozen
// (cap = 0): a later write copies first, so handed-out bytes never change.
import { rt_alloc, rt_heap_ptr, checkSize, copy } from "./alloc";
import { bytesLen } from "./bytes";

@inline function objOf(buf: usize): usize {
  return load<u32>(buf);
}

@inline function capOf(buf: usize): u32 {
  return load<u32>(buf, 4);
}

@inline function end8(x: u64): u64 {
  return (x + 7) & ~(<u64>7);
}

export function rt_buf_new(cap: u32): usize {
  checkSize(cap);
  const buf = rt_alloc(8);
  const obj = rt_alloc(cap + 4);
  store<u32>(buf, <u32>obj);
  store<u32>(buf, cap, 4);
  return buf;
}

export function rt_buf_len(buf: usize): u32 {
  return load<u32>(objOf(buf));
}

/** Makes room for `extra` more bytes; returns the address to write at. */
function reserve(buf: usize, extra: u32): usize {
  let obj = objOf(buf);
  const len = load<u32>(obj), cap = capOf(buf);
  const need: u64 = <u64>len + <u64>extra;
  if (need <= <u64>cap) {
    store<u32>(obj, <u32>need);
    return obj + 4 + len;
  }
  checkSize(need);
  let newCap: u64 = <u64>cap * 2;
  if (newCap < need) newCap = need;
  if (newCap < 16) newCap = 16;
  if (newCap > (<u64>1 << 26)) newCap = need; // never ask for more than can exist
  const oldEnd = end8(<u64>obj + 4 + <u64>cap);
  if (cap != 0 && oldEnd == <u64>rt_heap_ptr) {
    rt_alloc(<u32>(end8(<u64>obj + 4 + newCap) - oldEnd)); // grow in place
  } else {
    const fresh = rt_alloc(<u32>newCap + 4);
    copy(fresh + 4, obj + 4, len);
    obj = fresh;
    store<u32>(buf, <u32>obj);
  }
  store<u32>(buf, <u32>newCap, 4);
  store<u32>(obj, <u32>need);
  return obj + 4 + len;
}

export function rt_buf_put_u8(buf: usize, v: i32): void {
  store<u8>(reserve(buf, 1), <u8>v);
}

/** The low `nbytes` bytes of v, little-endian. */
export function rt_buf_put_int64(buf: usize, v: i64, nbytes: i32): void {
  const p = reserve(buf, nbytes);
  for (let i = 0; i < nbytes; i++) store<u8>(p + i, <u8>(v >> (<i64>i << 3)));
}

/** The low `nbytes` bytes of a 256-bit value, little-endian (i128: 16). */
export function rt_buf_put_big_le(buf: usize, p: usize, nbytes: i32): void {
  copy(reserve(buf, nbytes), p, nbytes);
}

/** A 256-bit value as 32 bytes big-endian (u256/i256). */
export function rt_buf_put_big_be32(buf: usize, p: usize): void {
  const d = reserve(buf, 32);
  for (let i = 0; i < 4; i++) {
    store<u64>(d + (<usize>(3 - i) << 3), bswap<u64>(load<u64>(p + (<usize>i << 3))));
  }
}

/** SCALE compact encoding of an unsigned 32-bit n. */
export function rt_buf_put_compact(buf: usize, n: u32): void {
  if (n < 64) {
    store<u8>(reserve(buf, 1), <u8>(n << 2));
  } else if (n < 16384) {
    store<u16>(reserve(buf, 2), <u16>((n << 2) | 1));
  } else if (n < 0x40000000) {
    store<u32>(reserve(buf, 4), (n << 2) | 2);
  } else {
    const p = reserve(buf, 5);
    store<u8>(p, 3); // ((4 - 4) << 2) | 3: four bytes follow
    store<u32>(p + 1, n);
  }
}

export function rt_buf_put_raw(buf: usize, data: usize, len: u32): void {
  copy(reserve(buf, len), data, len);
}

/** compact(len) ‖ bytes: string, bytes, address. */
export function rt_buf_put_bytes(buf: usize, obj: usize): void {
  const len = bytesLen(obj);
  rt_buf_put_compact(buf, len);
  rt_buf_put_raw(buf, obj + 4, len);
}

/** The first n bytes of a bytesN value. */
export function rt_buf_put_bytesn(buf: usize, p: usize, n: u32): void {
  rt_buf_put_raw(buf, p, n);
}

/** The buffer's contents as a bytes object, without copying. */
export function rt_buf_to_bytes(buf: usize): usize {
  store<u32>(buf, 0, 4); // frozen: the next write copies
  return objOf(buf);
}
