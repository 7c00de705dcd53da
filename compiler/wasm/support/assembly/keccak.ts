// Keccak-256 (the pre-NIST padding 0x01 used by Ethereum and FISCO BCOS):
// Keccak-f[1600], rate 136 bytes, 32-byte output. The permutation, with
// the state in locals and the rounds unrolled, is generated into
// keccak.generated.ts (by build/keccak.ts); this file holds its constants
// and the padding of the last block.
import { copy } from "./alloc";

export const RATE: u32 = 136;

/** The last block, padded. */
const BLOCK: usize = memory.data(136);

/** Round constants of iota, one u64 per round. */
export const RC: usize = memory.data<u64>([
  0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
  0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
  0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
  0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
  0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
  0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]);

/**
 * The last block: data[0..rest) (rest < 136), then 0x01, zeros, and 0x80
 * or-ed into byte 135. Returns the static block buffer.
 */
export function padBlock(data: usize, rest: u32): usize {
  // 17 stores at constant addresses: a loop would cost ~20 gas per lane
  store<u64>(BLOCK, 0, 0); store<u64>(BLOCK, 0, 8); store<u64>(BLOCK, 0, 16); store<u64>(BLOCK, 0, 24);
  store<u64>(BLOCK, 0, 32); store<u64>(BLOCK, 0, 40); store<u64>(BLOCK, 0, 48); store<u64>(BLOCK, 0, 56);
  store<u64>(BLOCK, 0, 64); store<u64>(BLOCK, 0, 72); store<u64>(BLOCK, 0, 80); store<u64>(BLOCK, 0, 88);
  store<u64>(BLOCK, 0, 96); store<u64>(BLOCK, 0, 104); store<u64>(BLOCK, 0, 112); store<u64>(BLOCK, 0, 120);
  store<u64>(BLOCK, 0, 128);
  copy(BLOCK, data, rest);
  store<u8>(BLOCK + rest, 0x01);
  store<u8>(BLOCK + RATE - 1, load<u8>(BLOCK + RATE - 1) | 0x80);
  return BLOCK;
}
