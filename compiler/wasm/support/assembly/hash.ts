// Hashes of bytes objects, each returning a fresh bytes32 value (a pointer
// to 32 bytes). rt_hash is the chain hash chosen by rt_set_crypto.
import { rt_alloc } from "./alloc";
import { rt_get_crypto } from "./panic";
import { keccak256 } from "./keccak.generated";
import { mdDigest } from "./md";

export function rt_keccak256(obj: usize): usize {
  const r = rt_alloc(32);
  keccak256(obj + 4, load<u32>(obj), r);
  return r;
}

export function rt_sm3(obj: usize): usize {
  const r = rt_alloc(32);
  mdDigest(obj + 4, load<u32>(obj), r, true);
  return r;
}

export function rt_sha256(obj: usize): usize {
  const r = rt_alloc(32);
  mdDigest(obj + 4, load<u32>(obj), r, false);
  return r;
}

/** keccak-256, or SM3 after rt_set_crypto(1). */
export function rt_hash(obj: usize): usize {
  return rt_get_crypto() ? rt_sm3(obj) : rt_keccak256(obj);
}
