// bytes/string/bytesN helpers, UTF-8 validation and the allocator.
import { describe, expect, it } from "vitest";
import { Support, panicCode } from "./harness.ts";
import { Rng } from "./oracle.ts";
import { PANIC_KECCAK } from "./selectors.ts";
import { SUPPORT_HEAP_BASE } from "../../compiler/wasm/support/support.generated.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

function panicOf(s: Support, f: () => unknown): number | null {
  const r = s.attempt(f);
  return r.ok ? null : panicCode(r.data, PANIC_KECCAK);
}

describe("bytes", () => {
  it("new, concat, eq, compare, slice, get against JS", () => {
    const s = new Support();
    const rng = new Rng(20);
    for (let i = 0; i < 500; i++) {
      const a = rng.bytes(rng.int(40)), b = rng.int(4) === 0 ? a.slice() : rng.bytes(rng.int(40));
      const pa = s.bytes(a), pb = s.bytes(b);
      expect(hex(s.readBytes(s.x.rt_bytes_concat(pa, pb)))).toBe(hex(a) + hex(b));
      expect(s.x.rt_bytes_eq(pa, pb)).toBe(hex(a) === hex(b) ? 1 : 0);
      expect(s.x.rt_bytes_compare(pa, pb)).toBe(Math.sign(Buffer.compare(a, b)));
      const start = rng.int(a.length + 2), end = rng.int(a.length + 2);
      const sliced = s.attempt(() => s.x.rt_bytes_slice(pa, start, end));
      if (start <= end && end <= a.length) {
        expect(sliced.ok && hex(s.readBytes(sliced.value))).toBe(hex(a.slice(start, end)));
      } else {
        expect(!sliced.ok && panicCode(sliced.data, PANIC_KECCAK)).toBe(0x32);
      }
      const idx = rng.int(a.length + 2);
      if (idx < a.length) expect(s.x.rt_bytes_get(pa, idx)).toBe(a[idx]);
      else expect(panicOf(s, () => s.x.rt_bytes_get(pa, idx))).toBe(0x32);
    }
    expect(panicOf(s, () => s.x.rt_bytes_slice(s.bytes("abc"), -1, 2))).toBe(0x32); // u32: huge start
  });

  it("rt_bytes_new is zeroed and 8-aligned; rt_bytes_from_data copies", () => {
    const s = new Support();
    for (let n = 0; n < 50; n++) {
      const p = s.x.rt_bytes_new(n);
      expect(p % 8).toBe(0);
      expect(s.readBytes(p).every((b) => b === 0)).toBe(true);
    }
    const src = s.bytes("hello");
    const copy = s.x.rt_bytes_from_data(src + 4, 5);
    s.mem[src + 4] = 0x48;
    expect(Buffer.from(s.readBytes(copy)).toString()).toBe("hello");
  });

  it("bytesN <-> bytes", () => {
    const s = new Support();
    const data = new Rng(21).bytes(20);
    const bn = s.x.rt_bytesn_from_bytes(s.bytes(data), 20);
    expect(hex(s.read(bn, 32))).toBe(hex(data) + "00".repeat(12));
    expect(hex(s.readBytes(s.x.rt_bytes_from_bytesn(bn, 20)))).toBe(hex(data));
    expect(panicOf(s, () => s.x.rt_bytesn_from_bytes(s.bytes(data), 19))).toBe(0x32);
    expect(panicOf(s, () => s.x.rt_bytesn_from_bytes(s.bytes(data), 21))).toBe(0x32);
  });

  it("rt_utf8_valid agrees with a strict decoder", () => {
    const s = new Support();
    const rng = new Rng(22);
    const strict = new TextDecoder("utf-8", { fatal: true });
    const valid = (b: Uint8Array) => { try { strict.decode(b); return 1; } catch { return 0; } };
    const pieces = [[0x41], [0xc3, 0xa9], [0xe2, 0x9c, 0x93], [0xf0, 0x9d, 0x84, 0x9e], [0x80], [0xc0, 0xaf],
      [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xff], [0xc2], [0xf4, 0x8f, 0xbf, 0xbf]];
    for (let i = 0; i < 3000; i++) {
      const parts: number[] = [];
      for (let k = rng.int(6); k > 0; k--) parts.push(...rng.pick(pieces));
      if (rng.int(3) === 0) parts.push(...rng.bytes(rng.int(4)));
      const b = Uint8Array.from(parts);
      expect(s.x.rt_utf8_valid(s.bytes(b)), hex(b)).toBe(valid(b));
    }
  });
});

describe("allocator", () => {
  it("starts at the heap base, aligns to 8 and never reuses memory", () => {
    const s = new Support();
    const first = s.x.rt_alloc(1);
    expect(first).toBe(SUPPORT_HEAP_BASE);
    let prev = first;
    for (const n of [0, 1, 7, 8, 9, 100, 65536, 3]) {
      const p = s.x.rt_alloc(n);
      expect(p % 8).toBe(0);
      expect(p).toBeGreaterThan(prev - 1);
      prev = p + n;
    }
  });

  it("grows memory on demand and panics with 0x41 past 1024 pages", () => {
    const s = new Support();
    const big = s.x.rt_alloc(5 * 65536);
    s.mem[big + 5 * 65536 - 1] = 1; // backed by memory
    expect(panicOf(s, () => s.x.rt_alloc(64 * 1024 * 1024))).toBe(0x41);
    expect(panicOf(s, () => s.x.rt_alloc(-1))).toBe(0x41); // 4 GiB - 1
    expect(panicOf(s, () => s.x.rt_bytes_new(-3))).toBe(0x41); // len + 4 must not wrap
    expect(panicOf(s, () => s.x.rt_buf_new(-3))).toBe(0x41);
    // what still fits is still served
    const p = s.x.rt_alloc(1024 * 65536 - (s.x.rt_alloc(0) as number) - 8);
    expect(p % 8).toBe(0);
    expect(panicOf(s, () => s.x.rt_alloc(16))).toBe(0x41);
    expect(s.x.memory.buffer.byteLength).toBe(1024 * 65536);
  });
});
