// SHA-256 and SM3: the same Merkle-Damgard frame (64-byte blocks, padding
// 0x80, zeros, 64-bit big-endian bit length, big-endian 32-bit words),
// different compression functions.
import { copy } from "./alloc";

const H: usize = memory.data(32);   // chaining value, 8 words
const W: usize = memory.data(272);  // message schedule, up to 68 words
const PAD: usize = memory.data(128); // the last one or two blocks

const SHA256_IV: usize = memory.data<u32>([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const SM3_IV: usize = memory.data<u32>([
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
]);
const SHA256_K: usize = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

@inline function w(i: i32): u32 {
  return load<u32>(W + (<usize>i << 2));
}

@inline function setW(i: i32, v: u32): void {
  store<u32>(W + (<usize>i << 2), v);
}

@inline function h(i: i32): u32 {
  return load<u32>(H + (<usize>i << 2));
}

@inline function addH(i: i32, v: u32): void {
  store<u32>(H + (<usize>i << 2), h(i) + v);
}

@inline function xorH(i: i32, v: u32): void {
  store<u32>(H + (<usize>i << 2), h(i) ^ v);
}

function loadWords(block: usize): void {
  for (let i = 0; i < 16; i++) setW(i, bswap<u32>(load<u32>(block + (<usize>i << 2))));
}

function sha256Block(block: usize): void {
  loadWords(block);
  for (let t = 16; t < 64; t++) {
    const x = w(t - 15), y = w(t - 2);
    const s0 = rotr<u32>(x, 7) ^ rotr<u32>(x, 18) ^ (x >> 3);
    const s1 = rotr<u32>(y, 17) ^ rotr<u32>(y, 19) ^ (y >> 10);
    setW(t, w(t - 16) + s0 + w(t - 7) + s1);
  }
  let a = h(0), b = h(1), c = h(2), d = h(3), e = h(4), f = h(5), g = h(6), hh = h(7);
  for (let t = 0; t < 64; t++) {
    const s1 = rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25);
    const t1 = hh + s1 + ((e & f) ^ (~e & g)) + load<u32>(SHA256_K + (<usize>t << 2)) + w(t);
    const s0 = rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22);
    const t2 = s0 + ((a & b) ^ (a & c) ^ (b & c));
    hh = g; g = f; f = e; e = d + t1;
    d = c; c = b; b = a; a = t1 + t2;
  }
  addH(0, a); addH(1, b); addH(2, c); addH(3, d);
  addH(4, e); addH(5, f); addH(6, g); addH(7, hh);
}

@inline function p0(x: u32): u32 {
  return x ^ rotl<u32>(x, 9) ^ rotl<u32>(x, 17);
}

@inline function p1(x: u32): u32 {
  return x ^ rotl<u32>(x, 15) ^ rotl<u32>(x, 23);
}

/**
 * SM3's compression: the working variables in locals; the rounds in two
 * loops (0..15 and 16..63) so that the boolean functions and T_j are fixed
 * in each, and T_j <<< j kept in a local rotated by one per round; the
 * schedule read through a pointer with constant offsets.
 */
function sm3Block(block: usize): void {
  loadWords(block);
  for (let q = W; q < W + 52 * 4; q += 4) {
    // W[j] for j = 16..67, q = &W[j - 16]
    const x = load<u32>(q) ^ load<u32>(q, 7 * 4) ^ rotl<u32>(load<u32>(q, 13 * 4), 15);
    store<u32>(q, p1(x) ^ rotl<u32>(load<u32>(q, 3 * 4), 7) ^ load<u32>(q, 10 * 4), 16 * 4);
  }
  let a = h(0), b = h(1), c = h(2), d = h(3), e = h(4), f = h(5), g = h(6), hh = h(7);
  let t: u32 = 0x79cc4519; // T_j <<< j
  let q = W; // &W[j]
  for (; q < W + 16 * 4; q += 4) {
    const a12 = rotl<u32>(a, 12);
    const ss1 = rotl<u32>(a12 + e + t, 7);
    const wj = load<u32>(q);
    const tt1 = (a ^ b ^ c) + d + (ss1 ^ a12) + (wj ^ load<u32>(q, 16));
    const tt2 = (e ^ f ^ g) + hh + ss1 + wj;
    d = c; c = rotl<u32>(b, 9); b = a; a = tt1;
    hh = g; g = rotl<u32>(f, 19); f = e; e = p0(tt2);
    t = rotl<u32>(t, 1);
  }
  t = 0x9d8a7a87; // 0x7a879d8a <<< 16
  for (; q < W + 64 * 4; q += 4) {
    const a12 = rotl<u32>(a, 12);
    const ss1 = rotl<u32>(a12 + e + t, 7);
    const wj = load<u32>(q);
    const tt1 = ((a & b) | ((a | b) & c)) + d + (ss1 ^ a12) + (wj ^ load<u32>(q, 16));
    const tt2 = (((f ^ g) & e) ^ g) + hh + ss1 + wj;
    d = c; c = rotl<u32>(b, 9); b = a; a = tt1;
    hh = g; g = rotl<u32>(f, 19); f = e; e = p0(tt2);
    t = rotl<u32>(t, 1);
  }
  xorH(0, a); xorH(1, b); xorH(2, c); xorH(3, d);
  xorH(4, e); xorH(5, f); xorH(6, g); xorH(7, hh);
}

@inline function compress(block: usize, sm: bool): void {
  if (sm) sm3Block(block);
  else sha256Block(block);
}

/** out[0..32) = SM3 (sm) or SHA-256 of data[0..len). */
export function mdDigest(data: usize, len: u32, out: usize, sm: bool): void {
  copy(H, sm ? SM3_IV : SHA256_IV, 32);
  let off: u32 = 0;
  for (; len - off >= 64; off += 64) compress(data + off, sm);
  const rest = len - off;
  // 16 stores at constant addresses: a loop would cost ~20 gas per word
  store<u64>(PAD, 0, 0); store<u64>(PAD, 0, 8); store<u64>(PAD, 0, 16); store<u64>(PAD, 0, 24);
  store<u64>(PAD, 0, 32); store<u64>(PAD, 0, 40); store<u64>(PAD, 0, 48); store<u64>(PAD, 0, 56);
  store<u64>(PAD, 0, 64); store<u64>(PAD, 0, 72); store<u64>(PAD, 0, 80); store<u64>(PAD, 0, 88);
  store<u64>(PAD, 0, 96); store<u64>(PAD, 0, 104); store<u64>(PAD, 0, 112); store<u64>(PAD, 0, 120);
  copy(PAD, data + off, rest);
  store<u8>(PAD + rest, 0x80);
  const total: u32 = rest < 56 ? 64 : 128;
  store<u64>(PAD + total - 8, bswap<u64>(<u64>len << 3));
  compress(PAD, sm);
  if (total == 128) compress(PAD + 64, sm);
  for (let i = 0; i < 8; i++) store<u32>(out + (<usize>i << 2), bswap<u32>(h(i)));
}
