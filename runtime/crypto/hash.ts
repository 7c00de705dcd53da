// The suites' hashes: keccak-256 (a Wasm kernel, kernel/keccak.ts: ~10×
// faster than @noble/hashes, which the tests compare it with) and SM3
// (node:crypto, native OpenSSL: several times faster than sm-crypto's
// JavaScript SM3, with the same results, which test/unit/crypto-sm.test.ts
// checks).
import { createHash, createHmac } from "node:crypto";
import { keccak256Wasm } from "./kernel/keccak.ts";

export function keccak256(data: Uint8Array): Uint8Array {
  return keccak256Wasm(data);
}

export function sm3(...parts: Uint8Array[]): Uint8Array {
  const h = createHash("sm3");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

export function hmacSm3(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac("sm3", key).update(data).digest());
}
