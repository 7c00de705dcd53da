// Keccak-256 (the pre-NIST padding 0x01 used by Ethereum and FISCO BCOS):
// Keccak-f[1600], rate 136 bytes, 32-byte output.
import { copy } from "./alloc";

const STATE: usize = memory.data(200);
const BLOCK: usize = memory.data(136);
const RATE: u32 = 136;

const RC: usize = memory.data<u64>([
  0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
  0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
  0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
  0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
  0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
  0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]);
// rho rotation offsets and pi lane order, in the order the pi cycle visits.
const ROTC: usize = memory.data<u8>([
  1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
]);
const PILN: usize = memory.data<u8>([
  10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
]);

@inline function lane(i: i32): u64 {
  return load<u64>(STATE + (<usize>i << 3));
}

@inline function setLane(i: i32, v: u64): void {
  store<u64>(STATE + (<usize>i << 3), v);
}

function keccakF(): void {
  for (let round = 0; round < 24; round++) {
    // theta
    const c0 = lane(0) ^ lane(5) ^ lane(10) ^ lane(15) ^ lane(20);
    const c1 = lane(1) ^ lane(6) ^ lane(11) ^ lane(16) ^ lane(21);
    const c2 = lane(2) ^ lane(7) ^ lane(12) ^ lane(17) ^ lane(22);
    const c3 = lane(3) ^ lane(8) ^ lane(13) ^ lane(18) ^ lane(23);
    const c4 = lane(4) ^ lane(9) ^ lane(14) ^ lane(19) ^ lane(24);
    const d0 = c4 ^ rotl<u64>(c1, 1), d1 = c0 ^ rotl<u64>(c2, 1);
    const d2 = c1 ^ rotl<u64>(c3, 1), d3 = c2 ^ rotl<u64>(c4, 1);
    const d4 = c3 ^ rotl<u64>(c0, 1);
    for (let y = 0; y < 25; y += 5) {
      setLane(y, lane(y) ^ d0);
      setLane(y + 1, lane(y + 1) ^ d1);
      setLane(y + 2, lane(y + 2) ^ d2);
      setLane(y + 3, lane(y + 3) ^ d3);
      setLane(y + 4, lane(y + 4) ^ d4);
    }
    // rho and pi
    let t = lane(1);
    for (let i = 0; i < 24; i++) {
      const j = <i32>load<u8>(PILN + i);
      const next = lane(j);
      setLane(j, rotl<u64>(t, <u64>load<u8>(ROTC + i)));
      t = next;
    }
    // chi
    for (let y = 0; y < 25; y += 5) {
      const a0 = lane(y), a1 = lane(y + 1), a2 = lane(y + 2), a3 = lane(y + 3), a4 = lane(y + 4);
      setLane(y, a0 ^ (~a1 & a2));
      setLane(y + 1, a1 ^ (~a2 & a3));
      setLane(y + 2, a2 ^ (~a3 & a4));
      setLane(y + 3, a3 ^ (~a4 & a0));
      setLane(y + 4, a4 ^ (~a0 & a1));
    }
    // iota
    setLane(0, lane(0) ^ load<u64>(RC + (<usize>round << 3)));
  }
}

function absorb(block: usize): void {
  for (let i = 0; i < 17; i++) {
    setLane(i, lane(i) ^ load<u64>(block + (<usize>i << 3)));
  }
  keccakF();
}

/** out[0..32) = keccak-256(data[0..len)). */
export function keccak256(data: usize, len: u32, out: usize): void {
  for (let i = 0; i < 25; i++) setLane(i, 0);
  let off: u32 = 0;
  for (; len - off >= RATE; off += RATE) absorb(data + off);
  const rest = len - off;
  for (let i: u32 = 0; i < RATE; i += 8) store<u64>(BLOCK + i, 0);
  copy(BLOCK, data + off, rest);
  store<u8>(BLOCK + rest, 0x01);
  store<u8>(BLOCK + RATE - 1, load<u8>(BLOCK + RATE - 1) | 0x80);
  absorb(BLOCK);
  copy(out, STATE, 32);
}
