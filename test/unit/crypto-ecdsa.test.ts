// The ecdsa suite: r ‖ s ‖ v signatures, low s, recovery compared with
// @noble/curves' own recovery, and its refusals.
import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { getSuite } from "../../runtime/crypto/index.ts";
import { bigTo32, bytesToBig, fromHex, toHex } from "../../runtime/crypto/bytes.ts";
import { SECP256K1 } from "../../runtime/crypto/curves.ts";
import { recoverWithNoble } from "../../runtime/crypto/ecdsa.ts";

const ecdsa = getSuite("ecdsa");
const utf8 = new TextEncoder();
const N = SECP256K1.n;

describe("ecdsa suite", () => {
  it("hashes with keccak-256", () => {
    expect(toHex(ecdsa.hash(new Uint8Array()))).toBe("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    expect(toHex(ecdsa.hash(utf8.encode("abc")))).toBe("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  });

  it("derives the public key and address of a known key", () => {
    // Private key 1: the public key is G.
    const one = bigTo32(1n);
    expect(toHex(ecdsa.publicKeyOf(one))).toBe(SECP256K1.Gx.toString(16) + SECP256K1.Gy.toString(16));
    // Ethereum's address for key 1 (same derivation: keccak of x ‖ y, last 20 bytes).
    expect(ecdsa.addressOf(ecdsa.publicKeyOf(one)).toLowerCase()).toBe("7e5f4552091a69125d5dfcb7b8c2659029395bdf");
  });

  it("signs deterministically with v ∈ {0, 1} and s ≤ n/2, and recovers as noble does", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 24; i++) {
      const { privateKey, publicKey } = ecdsa.generateKeyPair();
      const digest = ecdsa.hash(Uint8Array.of(i));
      const sig = ecdsa.sign(digest, privateKey);
      expect(sig.length).toBe(65);
      expect(toHex(ecdsa.sign(digest, privateKey))).toBe(toHex(sig));
      expect(bytesToBig(sig, 32) <= N / 2n).toBe(true);
      seen.add(sig[64]!);
      expect(toHex(ecdsa.recover(digest, sig)!)).toBe(toHex(publicKey));
      expect(toHex(recoverWithNoble(digest, sig)!)).toBe(toHex(publicKey));
      // noble's verifier (low s enforced) accepts the same r, s.
      expect(secp256k1.verify(sig.subarray(0, 64), digest, new Uint8Array([4, ...publicKey]), { prehash: false })).toBe(true);
    }
    expect([...seen].sort()).toEqual([0, 1]);
  });

  it("refuses the high-s twin that plain ECDSA would accept", () => {
    const { privateKey, publicKey } = ecdsa.generateKeyPair();
    const digest = ecdsa.hash(utf8.encode("pay 10"));
    const sig = ecdsa.sign(digest, privateKey);
    const highS = new Uint8Array([...sig.subarray(0, 32), ...bigTo32(N - bytesToBig(sig, 32)), sig[64]! ^ 1]);
    // The twin is a valid signature for noble without the low-s rule, and recovers the same key there…
    expect(secp256k1.verify(highS.subarray(0, 64), digest, new Uint8Array([4, ...publicKey]), { prehash: false, lowS: false })).toBe(true);
    const twin = new secp256k1.Signature(bytesToBig(highS, 0), bytesToBig(highS, 32), highS[64]);
    expect(toHex(twin.recoverPublicKey(digest).toBytes(false).slice(1))).toBe(toHex(publicKey));
    // …and the suite refuses it.
    expect(ecdsa.recover(digest, highS)).toBeNull();
    expect(recoverWithNoble(digest, highS)).toBeNull();
  });

  it("recovers someone else (never the signer) from a tampered digest or signature", () => {
    const { privateKey, publicKey } = ecdsa.generateKeyPair();
    const digest = ecdsa.hash(utf8.encode("pay 10"));
    const sig = ecdsa.sign(digest, privateKey);
    const flip = (b: Uint8Array, i: number) => b.map((x, j) => (j === i ? x ^ 1 : x));
    const notSigner = (k: Uint8Array | null) => k === null || toHex(k) !== toHex(publicKey);
    expect(notSigner(ecdsa.recover(flip(digest, 0), sig))).toBe(true);
    for (const i of [0, 17, 31, 33, 63, 64]) expect(notSigner(ecdsa.recover(digest, flip(sig, i)))).toBe(true);
  });

  it("refuses malformed signatures without throwing", () => {
    const { privateKey } = ecdsa.generateKeyPair();
    const digest = ecdsa.hash(utf8.encode("x"));
    const sig = ecdsa.sign(digest, privateKey);
    const withV = (v: number) => new Uint8Array([...sig.subarray(0, 64), v]);
    for (const v of [2, 3, 27, 28]) expect(ecdsa.recover(digest, withV(v))).toBeNull();
    const withRS = (r: bigint, s: bigint) => new Uint8Array([...bigTo32(r), ...bigTo32(s), sig[64]!]);
    const s = bytesToBig(sig, 32);
    for (const bad of [withRS(0n, s), withRS(N, s), withRS((1n << 256n) - 1n, s), withRS(bytesToBig(sig, 0), 0n), withRS(bytesToBig(sig, 0), N / 2n + 1n)])
      expect(ecdsa.recover(digest, bad)).toBeNull();
    // An r that is no point's x: 5 is not x of a secp256k1 point (5³ + 7 = 132 is not a square mod p).
    expect(ecdsa.recover(digest, withRS(5n, s))).toBeNull();
    for (const bad of [sig.subarray(0, 64), new Uint8Array([...sig, 0]), new Uint8Array(65)]) expect(ecdsa.recover(digest, bad)).toBeNull();
    expect(ecdsa.recover(digest.subarray(0, 31), sig)).toBeNull();
    expect(ecdsa.recover(undefined as unknown as Uint8Array, sig)).toBeNull();
    expect(ecdsa.recover(digest, [1, 2, 3] as unknown as Uint8Array)).toBeNull();
  });

  it("accepts only private keys 1 … n − 1", () => {
    expect(ecdsa.isValidPrivateKey(new Uint8Array(32))).toBe(false);
    expect(ecdsa.isValidPrivateKey(bigTo32(N))).toBe(false);
    expect(ecdsa.isValidPrivateKey(bigTo32(N - 1n))).toBe(true);
    expect(ecdsa.isValidPrivateKey(fromHex("01"))).toBe(false);
  });
});
