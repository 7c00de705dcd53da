// Shifts (amounts ≥ the width, negative amounts) and conversions (widening,
// narrowing, sign changes, truncate<T>, enums, bytesN ↔ integers).
import { describe, expect, it } from "vitest";
import { Chain, compile } from "./harness.ts";

describe("shifts", () => {
  const c = new Chain().deploy(
    compile(`contract S {
      pub fn shl8(a: u8, n: u32) -> u8 { return a << n; }
      pub fn shr8(a: i8, n: u32) -> i8 { return a >> n; }
      pub fn shlSigned(a: u32, n: i16) -> u32 { return a << n; }
      pub fn shr64(a: i64, n: u8) -> i64 { return a >> n; }
      pub fn shl64(a: u64, n: i64) -> u64 { return a << n; }
      pub fn shl256(a: u256, n: u256) -> u256 { return a << n; }
      pub fn shr256(a: i256, n: i256) -> i256 { return a >> n; }
      pub fn shr128(a: u128, n: u8) -> u128 { return a >> n; }
    }`),
  );

  it("shifts within the width, wrapping on the left", () => {
    expect(c.ok("shl8", [0x81n, 1n])).toBe(0x02n);
    expect(c.ok("shl8", [1n, 7n])).toBe(0x80n);
    expect(c.ok("shr8", [-128n, 1n])).toBe(-64n);
    expect(c.ok("shr64", [-5n, 1n])).toBe(-3n); // arithmetic: floor
    expect(c.ok("shl64", [3n, 62n])).toBe(0xc000000000000000n);
    expect(c.ok("shl256", [1n, 255n])).toBe(1n << 255n);
    expect(c.ok("shr256", [-(1n << 200n), 199n])).toBe(-2n);
    expect(c.ok("shr128", [(1n << 128n) - 1n, 127n])).toBe(1n);
  });

  it("amounts at or past the width give 0 (or the sign for >> of a negative value)", () => {
    expect(c.ok("shl8", [0xffn, 8n])).toBe(0n);
    expect(c.ok("shl8", [0xffn, 0xffffffffn])).toBe(0n);
    expect(c.ok("shr8", [-1n, 8n])).toBe(-1n);
    expect(c.ok("shr8", [100n, 200n])).toBe(0n);
    expect(c.ok("shr64", [-9n, 255n])).toBe(-1n);
    expect(c.ok("shl256", [5n, 256n])).toBe(0n);
    expect(c.ok("shl256", [5n, (1n << 256n) - 1n])).toBe(0n);
    expect(c.ok("shr256", [-7n, 1n << 200n])).toBe(-1n);
    expect(c.ok("shr256", [7n, 256n])).toBe(0n);
    expect(c.ok("shr128", [(1n << 127n), 128n])).toBe(0n);
  });

  it("a negative amount reverts with Panic(0x22)", () => {
    c.panics("shlSigned", [1n, -1n], 0x22);
    expect(c.ok("shlSigned", [1n, 31n])).toBe(1n << 31n);
    c.panics("shl64", [1n, -(1n << 63n)], 0x22);
    c.panics("shr256", [1n, -1n], 0x22);
    c.panics("shr256", [1n, -(1n << 255n)], 0x22);
  });
});

describe("conversions", () => {
  const c = new Chain().deploy(
    compile(`contract C {
      enum Color { Red, Green, Blue }
      pub fn u256to8(a: u256) -> u8 { return a as u8; }
      pub fn i8tou8(a: i8) -> u8 { return a as u8; }
      pub fn u8toi8(a: u8) -> i8 { return a as i8; }
      pub fn i64tou64(a: i64) -> u64 { return a as u64; }
      pub fn u64toi64(a: u64) -> i64 { return a as i64; }
      pub fn i8toi256(a: i8) -> i256 { return a as i256; }
      pub fn i256toi8(a: i256) -> i8 { return a as i8; }
      pub fn i128tou256(a: i128) -> u256 { return a as u256; }
      pub fn u32toi128(a: u32) -> i128 { return a as i128; }
      pub fn i16tou32(a: i16) -> u32 { return a as u32; }
      pub fn truncU8(a: u256) -> u8 { return truncate<u8>(a); }
      pub fn truncI8(a: u16) -> i8 { return truncate<i8>(a); }
      pub fn truncU64(a: i8) -> u64 { return truncate<u64>(a); }
      pub fn truncI128(a: u256) -> i128 { return truncate<i128>(a); }
      pub fn truncU16(a: i64) -> u16 { return truncate<u16>(a); }
      pub fn toColor(a: u8) -> Color { return a as Color; }
      pub fn toColorWide(a: i256) -> Color { return a as Color; }
      pub fn fromColor(c: Color) -> u64 { return c as u64; }
      pub fn toWord(a: u256) -> bytes32 { return a as bytes32; }
      pub fn fromWord(b: bytes32) -> u256 { return b as u256; }
      pub fn toB4(a: u32) -> bytes4 { return a as bytes4; }
      pub fn fromB4(b: bytes4) -> u32 { return b as u32; }
      pub fn bytesToB4(b: bytes) -> bytes4 { return b as bytes4; }
      pub fn b4ToBytes(b: bytes4) -> bytes { return b as bytes; }
      pub fn strToBytes(s: string) -> bytes { return s as bytes; }
    }`),
  );

  it("narrowing reverts with Panic(0x11) unless the value fits", () => {
    expect(c.ok("u256to8", [255n])).toBe(255n);
    c.panics("u256to8", [256n], 0x11);
    c.panics("u256to8", [1n << 255n], 0x11);
    expect(c.ok("i256toi8", [-128n])).toBe(-128n);
    c.panics("i256toi8", [-129n], 0x11);
    c.panics("i256toi8", [128n], 0x11);
  });

  it("sign changes revert when the value is not representable", () => {
    c.panics("i8tou8", [-1n], 0x11);
    expect(c.ok("i8tou8", [127n])).toBe(127n);
    c.panics("u8toi8", [128n], 0x11);
    expect(c.ok("u8toi8", [127n])).toBe(127n);
    c.panics("i64tou64", [-1n], 0x11);
    c.panics("u64toi64", [1n << 63n], 0x11);
    expect(c.ok("u64toi64", [(1n << 63n) - 1n])).toBe((1n << 63n) - 1n);
    c.panics("i128tou256", [-1n], 0x11);
    expect(c.ok("i128tou256", [(1n << 127n) - 1n])).toBe((1n << 127n) - 1n);
    c.panics("i16tou32", [-32768n], 0x11);
  });

  it("widening keeps the value (sign-extended)", () => {
    expect(c.ok("i8toi256", [-1n])).toBe(-1n);
    expect(c.ok("i8toi256", [-128n])).toBe(-128n);
    expect(c.ok("u32toi128", [0xffffffffn])).toBe(0xffffffffn);
  });

  it("truncate<T> keeps the low bits", () => {
    expect(c.ok("truncU8", [257n])).toBe(1n);
    expect(c.ok("truncU8", [(1n << 256n) - 1n])).toBe(255n);
    expect(c.ok("truncI8", [255n])).toBe(-1n);
    expect(c.ok("truncI8", [0x17fn])).toBe(127n);
    expect(c.ok("truncU64", [-1n])).toBe((1n << 64n) - 1n);
    expect(c.ok("truncI128", [1n << 127n])).toBe(-(1n << 127n));
    expect(c.ok("truncU16", [-2n])).toBe(0xfffen);
  });

  it("integer → enum checks the variant (Panic 0x21); enum → integer is the index", () => {
    expect(c.ok("toColor", [2n])).toBe(2n);
    c.panics("toColor", [3n], 0x21);
    c.panics("toColor", [255n], 0x21);
    c.panics("toColorWide", [-1n], 0x21);
    c.panics("toColorWide", [1n << 200n], 0x21);
    expect(c.ok("toColorWide", [1n])).toBe(1n);
    expect(c.ok("fromColor", [2n])).toBe(2n);
    // an out-of-range enum in call data is malformed input
    c.panics("fromColor", [3n], 0x21);
  });

  it("bytesN ↔ uint(8N) is big-endian; bytes → bytesN checks the length (Panic 0x32)", () => {
    const word = new Uint8Array(32);
    word[31] = 0x2a;
    word[0] = 0x80;
    expect(c.ok("toWord", [(1n << 255n) + 42n])).toEqual(word);
    expect(c.ok("fromWord", [word])).toBe((1n << 255n) + 42n);
    expect(c.ok("toB4", [0x01020304n])).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect(c.ok("fromB4", [Uint8Array.of(0xde, 0xad, 0xbe, 0xef)])).toBe(0xdeadbeefn);
    expect(c.ok("bytesToB4", [Uint8Array.of(9, 8, 7, 6)])).toEqual(Uint8Array.of(9, 8, 7, 6));
    c.panics("bytesToB4", [Uint8Array.of(9, 8, 7)], 0x32);
    c.panics("bytesToB4", [Uint8Array.of(9, 8, 7, 6, 5)], 0x32);
    expect(c.ok("b4ToBytes", [Uint8Array.of(0, 0, 1, 0)])).toEqual(Uint8Array.of(0, 0, 1, 0));
    expect(c.ok("strToBytes", ["hé"])).toEqual(new TextEncoder().encode("hé"));
  });
});
