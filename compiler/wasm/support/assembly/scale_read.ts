// SCALE reader over a bytes object: an 8-byte cursor [u32 cur][u32 end]
// (absolute addresses). Any short or malformed input is Panic(0x31).
import { rt_alloc, copy } from "./alloc";
import { rt_panic } from "./panic";
import { PANIC_DECODE, PANIC_ENUM } from "./codes";
import { rt_bytes_from_data } from "./bytes";
import { rt_utf8_valid } from "./utf8";

export function rt_rd_new(obj: usize): usize {
  const rd = rt_alloc(8);
  store<u32>(rd, <u32>(obj + 4));
  store<u32>(rd, <u32>(obj + 4 + load<u32>(obj)), 4);
  return rd;
}

/** Bytes left to read. */
export function rt_rd_remaining(rd: usize): u32 {
  return load<u32>(rd, 4) - load<u32>(rd);
}

/** Consumes n bytes; returns their address. */
function take(rd: usize, n: u32): usize {
  const cur = load<u32>(rd);
  if (n > load<u32>(rd, 4) - cur) rt_panic(PANIC_DECODE);
  store<u32>(rd, cur + n);
  return cur;
}

/** Skips n bytes (read as u32), e.g. a selector; Panic(0x31) if fewer are left. */
export function rt_rd_skip(rd: usize, n: u32): void {
  take(rd, n);
}

export function rt_rd_u8(rd: usize): i32 {
  return load<u8>(take(rd, 1));
}

export function rt_rd_bool(rd: usize): i32 {
  const b = load<u8>(take(rd, 1));
  if (b > 1) rt_panic(PANIC_DECODE);
  return b;
}

/** An enum variant index (one byte); Panic(0x21) if >= count. */
export function rt_rd_enum(rd: usize, count: i32): i32 {
  const b = <i32>load<u8>(take(rd, 1));
  if (b >= count) rt_panic(PANIC_ENUM);
  return b;
}

/** nbytes (1..8) little-endian, normalized (sign- or zero-extended). */
export function rt_rd_int64(rd: usize, nbytes: i32, signed: i32): i64 {
  const p = take(rd, nbytes);
  let v: u64 = 0;
  for (let i = nbytes - 1; i >= 0; i--) v = (v << 8) | <u64>load<u8>(p + i);
  if (signed && nbytes < 8) {
    const sh = <u64>(64 - (nbytes << 3));
    v = <u64>(<i64>(v << sh) >> <i64>sh);
  }
  return v;
}

/** nbytes (1..32) little-endian into a normalized 256-bit value. */
export function rt_rd_big_le(rd: usize, nbytes: i32, signed: i32): usize {
  const p = take(rd, nbytes);
  const r = rt_alloc(32);
  copy(r, p, nbytes);
  if (signed && nbytes > 0 && nbytes < 32 && <i8>load<u8>(p + nbytes - 1) < 0) {
    for (let i = nbytes; i < 32; i++) store<u8>(r + i, 0xff);
  }
  return r;
}

/** 32 bytes big-endian (u256/i256). */
export function rt_rd_big_be32(rd: usize): usize {
  const p = take(rd, 32);
  const r = rt_alloc(32);
  for (let i = 0; i < 4; i++) {
    store<u64>(r + (<usize>i << 3), bswap<u64>(load<u64>(p + (<usize>(3 - i) << 3))));
  }
  return r;
}

/** A canonical SCALE compact integer < 2^32 (returned as u32 in i32). */
export function rt_rd_compact(rd: usize): u32 {
  const b0 = <u32>load<u8>(take(rd, 1));
  const mode = b0 & 3;
  let v: u32;
  if (mode == 0) return b0 >> 2;
  if (mode == 1) {
    v = (b0 | (<u32>load<u8>(take(rd, 1)) << 8)) >> 2;
    if (v < 64) rt_panic(PANIC_DECODE);
    return v;
  }
  if (mode == 2) {
    const p = take(rd, 3);
    v = (b0 | (<u32>load<u8>(p) << 8) | (<u32>load<u8>(p + 1) << 16) | (<u32>load<u8>(p + 2) << 24)) >> 2;
    if (v < 16384) rt_panic(PANIC_DECODE);
    return v;
  }
  // Big mode: (b0 >> 2) + 4 bytes follow. Only 4 fit a u32, and then the
  // value must need the big mode (>= 2^30) to be canonical.
  if (b0 != 3) rt_panic(PANIC_DECODE);
  v = load<u32>(take(rd, 4));
  if (v < 0x40000000) rt_panic(PANIC_DECODE);
  return v;
}

/** compact(len) ‖ bytes, copied into a new bytes object. */
export function rt_rd_bytes(rd: usize): usize {
  const n = rt_rd_compact(rd);
  return rt_bytes_from_data(take(rd, n), n);
}

/** Like rt_rd_bytes, and the bytes must be valid UTF-8. */
export function rt_rd_string(rd: usize): usize {
  const s = rt_rd_bytes(rd);
  if (!rt_utf8_valid(s)) rt_panic(PANIC_DECODE);
  return s;
}

/** n raw bytes into a bytesN value (32 bytes, zero-padded). */
export function rt_rd_bytesn(rd: usize, n: u32): usize {
  if (n > 32) rt_panic(PANIC_DECODE);
  const p = take(rd, n);
  const r = rt_alloc(32);
  copy(r, p, n);
  return r;
}

/** Panic(0x31) if any byte is left: trailing data is invalid. */
export function rt_rd_end(rd: usize): void {
  if (load<u32>(rd) != load<u32>(rd, 4)) rt_panic(PANIC_DECODE);
}

