// Strings and bytes: concatenation, length, indexing, slices, equality,
// and hashing checked against independent implementations
// (@noble/hashes keccak_256 and sha256, sm-crypto sm3).
import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { sha256 } from "@noble/hashes/sha2.js";
import smCrypto from "sm-crypto";
import { Chain, compile } from "./harness.ts";

const utf8 = new TextEncoder();
const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));
const sm3 = (b: Uint8Array) => hex(smCrypto.sm3(Array.from(b)));

const source = `contract Text {
  pub fn concat(a: string, b: string) -> string { return a + b; }
  pub fn concatBytes(a: bytes, b: bytes) -> bytes { return a + b + hex"ff"; }
  pub fn len(s: string) -> u32 { return (s as bytes).length; }
  pub fn blen(b: bytes) -> u32 { return b.length; }
  pub fn at(b: bytes, i: u64) -> u8 { return b[i]; }
  pub fn slice(b: bytes, i: u32, j: u32) -> bytes { return b.slice(i, j); }
  pub fn sslice(s: string, i: u32, j: u32) -> string { return s.slice(i, j); }
  pub fn eq(a: string, b: string) -> bool { return a == b; }
  pub fn ne(a: bytes, b: bytes) -> bool { return a != b; }
  pub fn addrEq(a: address, b: address) -> bool { return a == b; }
  pub fn wordEq(a: bytes32, b: bytes32) -> bool { return a == b; }
  pub fn k(b: bytes) -> bytes32 { return keccak256(b); }
  pub fn s3(b: bytes) -> bytes32 { return sm3(b); }
  pub fn s256(b: bytes) -> bytes32 { return sha256(b); }
  pub fn chain(b: bytes) -> bytes32 { return hash(b); }
  pub fn hashText(s: string) -> bytes32 { return keccak256(s as bytes); }
  pub fn literal() -> (string, bytes, u32) { return ("añb", hex"00ff10", "héllo".length); }
}`;

describe("strings and bytes", () => {
  const c = new Chain().deploy(compile(source));

  it("concatenates", () => {
    expect(c.ok("concat", ["foo", "bär"])).toBe("foobär");
    expect(c.ok("concat", ["", ""])).toBe("");
    expect(c.ok("concatBytes", [Uint8Array.of(1), Uint8Array.of()])).toEqual(Uint8Array.of(1, 0xff));
    const long = "x".repeat(5000);
    expect(c.ok("concat", [long, long])).toBe(long + long);
  });

  it("measures UTF-8 bytes", () => {
    expect(c.ok("len", ["héllo"])).toBe(6n);
    expect(c.ok("blen", [new Uint8Array(300)])).toBe(300n);
    expect(c.ok("literal")).toEqual(["añb", Uint8Array.of(0, 0xff, 0x10), 6n]);
  });

  it("indexes with bounds checks (Panic 0x32)", () => {
    expect(c.ok("at", [Uint8Array.of(5, 6, 7), 2n])).toBe(7n);
    c.panics("at", [Uint8Array.of(5, 6, 7), 3n], 0x32);
    c.panics("at", [Uint8Array.of(), 0n], 0x32);
    c.panics("at", [Uint8Array.of(1), 1n << 40n], 0x32);
  });

  it("slices [start, end) with bounds checks", () => {
    const b = Uint8Array.of(0, 1, 2, 3, 4);
    expect(c.ok("slice", [b, 1n, 4n])).toEqual(Uint8Array.of(1, 2, 3));
    expect(c.ok("slice", [b, 5n, 5n])).toEqual(Uint8Array.of());
    expect(c.ok("sslice", ["hello", 0n, 2n])).toBe("he");
    c.panics("slice", [b, 3n, 2n], 0x32);
    c.panics("slice", [b, 0n, 6n], 0x32);
  });

  it("compares by content", () => {
    expect(c.ok("eq", ["abc", "abc"])).toBe(true);
    expect(c.ok("eq", ["abc", "abd"])).toBe(false);
    expect(c.ok("eq", ["abc", "abcd"])).toBe(false);
    expect(c.ok("ne", [Uint8Array.of(1, 2), Uint8Array.of(1, 2)])).toBe(false);
    expect(c.ok("addrEq", ["/apps/a", "/apps/a"])).toBe(true);
    const w = new Uint8Array(32);
    const v = new Uint8Array(32);
    v[31] = 1;
    expect(c.ok("wordEq", [w, w])).toBe(true);
    expect(c.ok("wordEq", [w, v])).toBe(false);
  });

  it("hashes like the reference implementations", () => {
    // lengths around keccak's 136-byte rate and SM3/SHA-256's 64-byte block
    const lengths = [0, 1, 3, 55, 56, 63, 64, 65, 135, 136, 137, 271, 272, 273, 1000];
    for (const input of lengths.map((n) => new Uint8Array(n).map((_, i) => (i * 7 + n) & 0xff))) {
      expect(c.ok("k", [input])).toEqual(keccak_256(input));
      expect(c.ok("s3", [input])).toEqual(sm3(input));
      expect(c.ok("s256", [input])).toEqual(sha256(input));
      expect(c.ok("chain", [input])).toEqual(keccak_256(input)); // keccak chain
    }
    expect(c.ok("hashText", ["weft"])).toEqual(keccak_256(utf8.encode("weft")));
  });

  it("uses SM3 for hash() on an SM chain", () => {
    const sm = new Chain("sm").deploy(compile(source, { crypto: "sm" }));
    const input = utf8.encode("consortium");
    expect(sm.ok("chain", [input])).toEqual(sm3(input));
    expect(sm.ok("k", [input])).toEqual(keccak_256(input));
  });
});
