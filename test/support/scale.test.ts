// SCALE writer and reader: exact bytes, round trips, and rejects (Panic 0x31).
import { describe, expect, it } from "vitest";
import { Support, panicCode } from "./harness.ts";
import { Rng, norm } from "./oracle.ts";
import { PANIC_KECCAK } from "./selectors.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const fromHex = (h: string) => new Uint8Array(Buffer.from(h, "hex"));

/** Reference compact encoding (docs/abi.md). */
function compact(n: number): Uint8Array {
  if (n < 64) return Uint8Array.of(n << 2);
  if (n < 1 << 14) return Uint8Array.of(((n << 2) | 1) & 0xff, n >> 6);
  if (n < 1 << 30) {
    const v = (n * 4 + 2) >>> 0;
    return Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
  }
  return Uint8Array.of(3, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24);
}

const le = (v: bigint, n: number) => {
  const out = new Uint8Array(n);
  let u = BigInt.asUintN(n * 8, v);
  for (let i = 0; i < n; i++) { out[i] = Number(u & 0xffn); u >>= 8n; }
  return out;
};

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
};

function expectPanic(s: Support, code: number, f: () => unknown): void {
  const r = s.attempt(f);
  expect(r.ok, `expected a revert, got ${r.ok ? String(r.value) : ""}`).toBe(false);
  if (!r.ok) expect(panicCode(r.data, PANIC_KECCAK)).toBe(code);
}

describe("SCALE writer", () => {
  it("writes exactly the reference bytes for every kind of value", () => {
    const s = new Support();
    const rng = new Rng(9);
    for (let round = 0; round < 300; round++) {
      const buf = s.x.rt_buf_new(rng.int(3) * 7); // small capacities force growth
      const parts: Uint8Array[] = [];
      for (let k = 0; k < 12; k++) {
        switch (rng.int(8)) {
          case 0: { const v = rng.int(256); s.x.rt_buf_put_u8(buf, v); parts.push(Uint8Array.of(v)); break; }
          case 1: {
            const n = rng.pick([1, 2, 4, 8]);
            const v = BigInt.asIntN(64, rng.bits(64));
            s.x.rt_buf_put_int64(buf, v, n); parts.push(le(v, n)); break;
          }
          case 2: { const v = rng.bits(128); s.x.rt_buf_put_big_le(buf, s.big(v), 16); parts.push(le(v, 16)); break; }
          case 3: { const v = rng.bits(256); s.x.rt_buf_put_big_be32(buf, s.big(v)); parts.push(le(v, 32).reverse()); break; }
          case 4: {
            const n = rng.pick([0, 1, 63, 64, 16383, 16384, (1 << 30) - 1, 1 << 30, 0xffffffff, rng.u32(), rng.int(70000)]);
            s.x.rt_buf_put_compact(buf, n | 0); parts.push(compact(n)); break;
          }
          case 5: { const d = rng.bytes(rng.int(80)); s.x.rt_buf_put_bytes(buf, s.bytes(d)); parts.push(compact(d.length), d); break; }
          case 6: {
            const n = 1 + rng.int(32);
            const d = rng.bytes(n);
            const p = s.x.rt_alloc(32);
            s.mem.set(d, p);
            s.x.rt_buf_put_bytesn(buf, p, n); parts.push(d); break;
          }
          default: {
            const d = rng.bytes(rng.int(300));
            const obj = s.bytes(d);
            s.x.rt_buf_put_raw(buf, obj + 4, d.length); parts.push(d);
          }
        }
      }
      const want = concat(...parts);
      expect(s.x.rt_buf_len(buf)).toBe(want.length);
      expect(hex(s.readBytes(s.x.rt_buf_to_bytes(buf)))).toBe(hex(want));
    }
  });

  it("bytes handed out by rt_buf_to_bytes never change afterwards", () => {
    const s = new Support();
    const buf = s.x.rt_buf_new(64);
    s.x.rt_buf_put_u8(buf, 1);
    const first = s.x.rt_buf_to_bytes(buf);
    s.x.rt_buf_put_u8(buf, 2); // must copy, not write into `first`
    const second = s.x.rt_buf_to_bytes(buf);
    expect(hex(s.readBytes(first))).toBe("01");
    expect(hex(s.readBytes(second))).toBe("0102");
    expect(second).not.toBe(first);
  });

  it("grows in place when the buffer is the last allocation", () => {
    const s = new Support();
    const buf = s.x.rt_buf_new(8);
    for (let i = 0; i < 100; i++) s.x.rt_buf_put_u8(buf, i);
    const mid = s.x.rt_alloc(8); // now not last: the next growth copies
    for (let i = 100; i < 1000; i++) s.x.rt_buf_put_u8(buf, i & 0xff);
    const out = s.readBytes(s.x.rt_buf_to_bytes(buf));
    expect(Array.from(out)).toEqual(Array.from({ length: 1000 }, (_, i) => i & 0xff));
    expect(mid % 8).toBe(0);
  });
});

describe("SCALE reader", () => {
  it("reads back what the writer wrote", () => {
    const s = new Support();
    const rng = new Rng(10);
    for (let round = 0; round < 500; round++) {
      const buf = s.x.rt_buf_new(16);
      const n = [1, 2, 4, 8][rng.int(4)]!;
      const signed = rng.int(2) === 1;
      const v = norm(rng.bits(n * 8), n * 8, signed);
      const v128 = norm(rng.bits(128), 128, signed);
      const v256 = rng.bits(256);
      const len = rng.pick([0, 1, 63, 64, 100, 16384 + rng.int(5)]);
      const blob = rng.bytes(len);
      const str = Array.from("héllo wörld ✓ 𝄞").slice(0, rng.int(16)).join("");
      const bn = 1 + rng.int(32);
      const bnData = rng.bytes(bn);
      const bnPtr = s.x.rt_alloc(32);
      s.mem.set(bnData, bnPtr);
      s.x.rt_buf_put_int64(buf, v, n);
      s.x.rt_buf_put_u8(buf, rng.int(2));
      s.x.rt_buf_put_big_le(buf, s.big(v128), 16);
      s.x.rt_buf_put_big_be32(buf, s.big(v256));
      s.x.rt_buf_put_bytes(buf, s.bytes(blob));
      s.x.rt_buf_put_bytes(buf, s.bytes(str));
      s.x.rt_buf_put_bytesn(buf, bnPtr, bn);
      s.x.rt_buf_put_u8(buf, 3);
      s.x.rt_buf_put_compact(buf, len);

      const rd = s.x.rt_rd_new(s.x.rt_buf_to_bytes(buf));
      expect(s.x.rt_rd_int64(rd, n, +signed)).toBe(signed ? v : BigInt.asIntN(64, v));
      expect([0, 1]).toContain(s.x.rt_rd_bool(rd));
      expect(s.read256(s.x.rt_rd_big_le(rd, 16, +signed), signed)).toBe(v128);
      expect(s.readU256(s.x.rt_rd_big_be32(rd))).toBe(v256);
      expect(hex(s.readBytes(s.x.rt_rd_bytes(rd)))).toBe(hex(blob));
      expect(Buffer.from(s.readBytes(s.x.rt_rd_string(rd))).toString("utf8")).toBe(str);
      const got = s.read(s.x.rt_rd_bytesn(rd, bn), 32);
      expect(hex(got)).toBe(hex(concat(bnData, new Uint8Array(32 - bn))));
      expect(s.x.rt_rd_enum(rd, 4)).toBe(3);
      expect(s.x.rt_rd_remaining(rd)).toBeGreaterThan(0);
      expect(s.x.rt_rd_compact(rd) >>> 0).toBe(len);
      expect(s.x.rt_rd_remaining(rd)).toBe(0);
      s.x.rt_rd_end(rd);
    }
  });

  it("reads compact values in every mode", () => {
    const s = new Support();
    for (const n of [0, 1, 63, 64, 16383, 16384, (1 << 30) - 1, 1 << 30, 0xfffffffe, 0xffffffff]) {
      const rd = s.x.rt_rd_new(s.bytes(compact(n)));
      expect(s.x.rt_rd_compact(rd) >>> 0).toBe(n);
      s.x.rt_rd_end(rd);
    }
  });

  const reader = (s: Support, h: string) => s.x.rt_rd_new(s.bytes(fromHex(h)));

  it("rejects non-canonical and oversized compact forms", () => {
    const s = new Support();
    const bad = [
      "0100", // 0 in 2-byte mode
      "fd00", // 63 in 2-byte mode
      "02000000", // 0 in 4-byte mode
      "feff0000", // 16383 in 4-byte mode
      "fd", // 2-byte mode, one byte
      "03ffffff3f", // 2^30 - 1 in big mode
      "0700000000", // big mode with 5 bytes
      "070000000001", // 2^32 does not fit
      "", "01", "020000", "03ffffff", // truncated
    ];
    for (const h of bad) expectPanic(s, 0x31, () => [h, s.x.rt_rd_compact(reader(s, h))]);
  });

  it("rejects short input, bad bools, bad enums, bad UTF-8 and trailing bytes", () => {
    const s = new Support();
    expectPanic(s, 0x31, () => s.x.rt_rd_u8(reader(s, "")));
    expectPanic(s, 0x31, () => s.x.rt_rd_int64(reader(s, "010203"), 4, 0));
    expectPanic(s, 0x31, () => s.x.rt_rd_big_le(reader(s, "00".repeat(15)), 16, 1));
    expectPanic(s, 0x31, () => s.x.rt_rd_big_be32(reader(s, "00".repeat(31))));
    expectPanic(s, 0x31, () => s.x.rt_rd_bytes(reader(s, "0c6162")));
    expectPanic(s, 0x31, () => s.x.rt_rd_bytesn(reader(s, "00".repeat(19)), 20));
    expectPanic(s, 0x31, () => s.x.rt_rd_bool(reader(s, "02")));
    expect(s.x.rt_rd_bool(reader(s, "01"))).toBe(1);
    expectPanic(s, 0x21, () => s.x.rt_rd_enum(reader(s, "03"), 3));
    expect(s.x.rt_rd_enum(reader(s, "02"), 3)).toBe(2);
    for (const h of ["04c3", "08c0af", "0ceda080", "10f4908080", "04ff", "0ce282"]) {
      expectPanic(s, 0x31, () => s.x.rt_rd_string(reader(s, h)));
    }
    const rd = reader(s, "0102");
    s.x.rt_rd_u8(rd);
    expectPanic(s, 0x31, () => s.x.rt_rd_end(rd));
  });

  it("skips bytes, and rejects a skip past the end", () => {
    const s = new Support();
    const rd = reader(s, "0102030405");
    s.x.rt_rd_skip(rd, 0);
    expect(s.x.rt_rd_remaining(rd)).toBe(5);
    s.x.rt_rd_skip(rd, 4);
    expect(s.x.rt_rd_remaining(rd)).toBe(1);
    expect(s.x.rt_rd_u8(rd)).toBe(5);
    s.x.rt_rd_end(rd);
    const whole = reader(s, "01020304");
    s.x.rt_rd_skip(whole, 4);
    s.x.rt_rd_end(whole);
    expectPanic(s, 0x31, () => s.x.rt_rd_skip(reader(s, "010203"), 4));
    expectPanic(s, 0x31, () => s.x.rt_rd_skip(reader(s, ""), 1));
    expectPanic(s, 0x31, () => s.x.rt_rd_skip(reader(s, "0102"), -1)); // n is unsigned: 2^32 - 1
    // a failed skip moves nothing
    const short = reader(s, "0a0b");
    expectPanic(s, 0x31, () => s.x.rt_rd_skip(short, 3));
    expect(s.x.rt_rd_remaining(short)).toBe(2);
  });

  it("sign- and zero-extends little-endian integers", () => {
    const s = new Support();
    expect(s.x.rt_rd_int64(reader(s, "ff"), 1, 1)).toBe(-1n);
    expect(s.x.rt_rd_int64(reader(s, "ff"), 1, 0)).toBe(255n);
    expect(s.x.rt_rd_int64(reader(s, "0080"), 2, 1)).toBe(-32768n);
    expect(s.x.rt_rd_int64(reader(s, "ffffffffffffffff"), 8, 0)).toBe(-1n); // u64 max, normalized bits
    expect(s.read256(s.x.rt_rd_big_le(reader(s, "ff".repeat(16)), 16, 1), true)).toBe(-1n);
    expect(s.read256(s.x.rt_rd_big_le(reader(s, "ff".repeat(16)), 16, 0), false)).toBe((1n << 128n) - 1n);
  });
});
