// keccak-256, SM3 and SHA-256 against @noble/hashes and sm-crypto.
import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { sha256 } from "@noble/hashes/sha2.js";
import smCrypto from "sm-crypto";
import { Support } from "./harness.ts";
import { Rng } from "./oracle.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const sm3 = (b: Uint8Array) => smCrypto.sm3(Array.from(b));

// Every length 0..300 covers the block boundaries (keccak 135/136/137,
// SM3/SHA-256 55/56/63/64/119/120/127/128); a few long inputs add many blocks.
const LENGTHS = [...Array.from({ length: 301 }, (_, i) => i), 1000, 4096, 10007];

describe("hashes", () => {
  it("rt_keccak256, rt_sm3, rt_sha256 match the references on random inputs", () => {
    const s = new Support();
    const rng = new Rng(42);
    for (const len of LENGTHS) {
      for (let k = 0; k < 2; k++) {
        const data = rng.bytes(len);
        const obj = s.bytes(data);
        expect(hex(s.read(s.x.rt_keccak256(obj), 32)), `keccak len ${len}`).toBe(hex(keccak_256(data)));
        expect(hex(s.read(s.x.rt_hash(obj), 32)), `hash (keccak chain) len ${len}`).toBe(hex(keccak_256(data)));
        expect(hex(s.read(s.x.rt_sm3(obj), 32)), `sm3 len ${len}`).toBe(sm3(data));
        expect(hex(s.read(s.x.rt_sha256(obj), 32)), `sha256 len ${len}`).toBe(hex(sha256(data)));
      }
    }
  });

  it("known vectors", () => {
    const s = new Support();
    expect(hex(s.read(s.x.rt_keccak256(s.bytes("")), 32))).toBe(
      "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    expect(hex(s.read(s.x.rt_sm3(s.bytes("abc")), 32))).toBe(
      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    expect(hex(s.read(s.x.rt_sha256(s.bytes("abc")), 32))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("rt_hash follows rt_set_crypto", () => {
    const s = new Support();
    const data = new TextEncoder().encode("Transfer");
    expect(s.x.rt_get_crypto()).toBe(0);
    expect(hex(s.read(s.x.rt_hash(s.bytes(data)), 32))).toBe(hex(keccak_256(data)));
    s.x.rt_set_crypto(1);
    expect(s.x.rt_get_crypto()).toBe(1);
    expect(hex(s.read(s.x.rt_hash(s.bytes(data)), 32))).toBe(sm3(data));
    s.x.rt_set_crypto(0);
    expect(hex(s.read(s.x.rt_hash(s.bytes(data)), 32))).toBe(hex(keccak_256(data)));
  });

  it("leaves its input intact and returns fresh memory", () => {
    const s = new Support();
    const data = new Rng(1).bytes(200);
    const obj = s.bytes(data);
    const a = s.x.rt_keccak256(obj), b = s.x.rt_keccak256(obj);
    expect(a).not.toBe(b);
    expect(hex(s.readBytes(obj))).toBe(hex(data));
  });
});
