// The keccak-256 Wasm kernel (runtime/crypto/kernel/keccak.ts) against
// @noble/hashes: every length 0..600 (all padding cases around the 136-byte
// rate), lengths around the kernel's exchange area (messages absorbed in
// several slices), and the published empty-string digest.
import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { keccak256Wasm } from "../../runtime/crypto/kernel/keccak.ts";
import { keccak256 } from "../../runtime/crypto/hash.ts";
import { toHex } from "../../runtime/crypto/bytes.ts";

const message = (n: number, seed: number) => new Uint8Array(n).map((_, i) => (i * 131 + seed * 17 + (i >> 8)) & 255);

describe("keccak-256 kernel", () => {
  it("gives the known digest of the empty message", () => {
    expect(toHex(keccak256Wasm(new Uint8Array()))).toBe("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  });

  it("matches @noble/hashes on every length 0..600", () => {
    for (let n = 0; n <= 600; n++) {
      const m = message(n, n);
      expect(toHex(keccak256Wasm(m)), `length ${n}`).toBe(toHex(keccak_256(m)));
    }
  });

  it("matches on messages longer than its exchange area (absorbed in slices)", () => {
    for (const n of [65279, 65280, 65281, 65416, 130560, 130561, 300_001]) {
      const m = message(n, 3);
      expect(toHex(keccak256Wasm(m)), `length ${n}`).toBe(toHex(keccak_256(m)));
    }
  });

  it("hashes views into larger buffers by their own bytes only", () => {
    const big = message(1000, 9);
    const view = big.subarray(100, 333);
    expect(toHex(keccak256Wasm(view))).toBe(toHex(keccak_256(view.slice())));
  });

  it("is the ecdsa suite's hash", () => {
    const m = message(77, 1);
    expect(toHex(keccak256(m))).toBe(toHex(keccak_256(m)));
  });
});
