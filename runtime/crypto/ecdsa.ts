// The ecdsa suite: secp256k1 signatures with keccak-256, in FISCO's
// r ‖ s ‖ v form (65 bytes, v ∈ {0, 1}, low s). Keys and signing are
// @noble/curves' secp256k1 (constant-time, RFC 6979 nonces). Recovery, the
// node's hot path (every transaction's sender comes out of it), runs on the
// Wasm kernel; recoverWithNoble is the same computation on noble's points,
// kept as the reference the tests compare against.
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { _splitEndoScalar } from "@noble/curves/abstract/weierstrass.js";
import { addressOf } from "./address.ts";
import { bytesToBig, concatBytes, isBytes } from "./bytes.ts";
import { SECP256K1 } from "./curves.ts";
import { keccak256 } from "./hash.ts";
import { kernel } from "./kernel/kernel.ts";
import type { KeyedSuite, KeyPair } from "./suite.ts";

const N = SECP256K1.n;
const HALF_N = N >> 1n;
const Fn = secp256k1.Point.Fn;
const ENDO_BASIS = SECP256K1.endo!.basis;

function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return secp256k1.getPublicKey(privateKey, false).slice(1);
}

function isValidPrivateKey(key: Uint8Array): boolean {
  return isBytes(key, 32) && secp256k1.utils.isValidSecretKey(key);
}

function sign(digest: Uint8Array, privateKey: Uint8Array): Uint8Array {
  if (!isBytes(digest, 32)) throw new Error("ecdsa: the digest to sign must be 32 bytes");
  // A recovery id of 2 or 3 (R.x ≥ n, probability ~2^-128) has no place in
  // the v byte: sign again with fresh entropy, a different valid nonce.
  for (let extraEntropy: boolean = false; ; extraEntropy = true) {
    const sig = secp256k1.sign(digest, privateKey, { prehash: false, lowS: true, format: "recovered", extraEntropy });
    // noble's "recovered" format is v ‖ r ‖ s; FISCO's is r ‖ s ‖ v.
    if (sig[0]! <= 1) return concatBytes(sig.subarray(1), Uint8Array.of(sig[0]!));
  }
}

/** Checks the parts every recovery needs; the numbers or null. */
function parse(digest: Uint8Array, signature: Uint8Array): { r: bigint; s: bigint; v: number; e: bigint } | null {
  if (!isBytes(digest, 32) || !isBytes(signature, 65)) return null;
  const v = signature[64]!;
  if (v > 1) return null;
  const r = bytesToBig(signature, 0);
  const s = bytesToBig(signature, 32);
  if (r === 0n || r >= N || s === 0n || s > HALF_N) return null; // s > n/2: the malleable twin, refused
  return { r, s, v, e: bytesToBig(digest) % N };
}

/** Q = r⁻¹(s·R − e·G), where R is the point with x = r and y's parity v. */
function recover(digest: Uint8Array, signature: Uint8Array): Uint8Array | null {
  try {
    const p = parse(digest, signature);
    if (!p) return null;
    const k = kernel("secp256k1");
    if (!k.liftX(p.r, p.v === 1)) return null;
    const rInv = k.invertScalar(p.r); // in Wasm: 3× faster than bigint's extended Euclid
    // u2 splits into two ~128-bit halves over R and ψ(R): half the doublings.
    const { k1, k1neg, k2, k2neg } = _splitEndoScalar(Fn.mul(p.s, rInv), ENDO_BASIS, N);
    if (!k.mulAddSplit(Fn.neg(Fn.mul(p.e, rInv)), k1, k1neg, k2, k2neg)) return null;
    return k.affine();
  } catch {
    return null;
  }
}

/** recover() computed with @noble/curves alone (the tests' reference). */
export function recoverWithNoble(digest: Uint8Array, signature: Uint8Array): Uint8Array | null {
  try {
    const p = parse(digest, signature);
    if (!p) return null;
    const sig = new secp256k1.Signature(p.r, p.s, p.v);
    return sig.recoverPublicKey(digest).toBytes(false).slice(1);
  } catch {
    return null;
  }
}

export const ecdsaSuite: KeyedSuite = {
  name: "ecdsa",
  hashName: "keccak",
  hash: keccak256,
  generateKeyPair(): KeyPair {
    const privateKey = secp256k1.utils.randomSecretKey();
    return { privateKey, publicKey: publicKeyOf(privateKey) };
  },
  publicKeyOf,
  isValidPrivateKey,
  addressOf: (publicKey) => addressOf(publicKey, "keccak"),
  sign,
  recover,
};
