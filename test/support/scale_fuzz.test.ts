// The SCALE reader on random input: every read either matches an
// independent JS decoder or reverts with the Panic it predicts; nothing
// traps and nothing reads past the input.
import { describe, expect, it } from "vitest";
import { Support, panicCode } from "./harness.ts";
import { Rng } from "./oracle.ts";
import { PANIC_KECCAK } from "./selectors.ts";

class Bad extends Error {
  constructor(readonly code: number) { super(`panic ${code}`); }
}

/** Reference decoder (docs/abi.md), written from the spec, not the AS code. */
class RefReader {
  pos = 0;
  constructor(readonly b: Uint8Array) {}
  take(n: number): Uint8Array {
    if (n > this.b.length - this.pos) throw new Bad(0x31);
    this.pos += n;
    return this.b.slice(this.pos - n, this.pos);
  }
  int(n: number, signed: boolean): bigint {
    let v = 0n;
    this.take(n).forEach((x, i) => { v |= BigInt(x) << BigInt(8 * i); });
    return signed ? BigInt.asIntN(n * 8, v) : v;
  }
  compact(): number {
    const b0 = this.take(1)[0]!;
    const mode = b0 & 3;
    if (mode === 0) return b0 >> 2;
    if (mode === 1) { const v = Number(this.int(1, false)) * 64 + (b0 >> 2); if (v < 64) throw new Bad(0x31); return v; }
    if (mode === 2) { const v = Number(this.int(3, false)) * 64 + (b0 >> 2); if (v < 1 << 14) throw new Bad(0x31); return v; }
    const len = (b0 >> 2) + 4;
    const v = this.int(len, false);
    if (len !== 4 || v < 1n << 30n) throw new Bad(0x31); // wider than u32, or not canonical
    return Number(v);
  }
  bytes(): Uint8Array { return this.take(this.compact()); }
}

type Op = { name: string; run: (s: Support, rd: number) => unknown; ref: (r: RefReader) => unknown };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const OPS: Op[] = [
  { name: "u8", run: (s, rd) => s.x.rt_rd_u8(rd), ref: (r) => r.take(1)[0] },
  { name: "bool", run: (s, rd) => s.x.rt_rd_bool(rd), ref: (r) => { const v = r.take(1)[0]!; if (v > 1) throw new Bad(0x31); return v; } },
  { name: "enum3", run: (s, rd) => s.x.rt_rd_enum(rd, 3), ref: (r) => { const v = r.take(1)[0]!; if (v >= 3) throw new Bad(0x21); return v; } },
  { name: "i32", run: (s, rd) => s.x.rt_rd_int64(rd, 4, 1), ref: (r) => r.int(4, true) },
  { name: "u64", run: (s, rd) => BigInt.asUintN(64, s.x.rt_rd_int64(rd, 8, 0)), ref: (r) => r.int(8, false) },
  { name: "i128", run: (s, rd) => s.read256(s.x.rt_rd_big_le(rd, 16, 1), true), ref: (r) => r.int(16, true) },
  { name: "u256", run: (s, rd) => s.readU256(s.x.rt_rd_big_be32(rd)), ref: (r) => BigInt("0x" + Buffer.from(r.take(32)).toString("hex")) },
  { name: "compact", run: (s, rd) => s.x.rt_rd_compact(rd) >>> 0, ref: (r) => r.compact() },
  { name: "bytes", run: (s, rd) => Buffer.from(s.readBytes(s.x.rt_rd_bytes(rd))).toString("hex"), ref: (r) => Buffer.from(r.bytes()).toString("hex") },
  {
    name: "string",
    run: (s, rd) => Buffer.from(s.readBytes(s.x.rt_rd_string(rd))).toString("hex"),
    ref: (r) => { const b = r.bytes(); try { utf8.decode(b); } catch { throw new Bad(0x31); } return Buffer.from(b).toString("hex"); },
  },
  { name: "bytes4", run: (s, rd) => Buffer.from(s.read(s.x.rt_rd_bytesn(rd, 4), 4)).toString("hex"), ref: (r) => Buffer.from(r.take(4)).toString("hex") },
  { name: "skip3", run: (s, rd) => s.x.rt_rd_skip(rd, 3), ref: (r) => { r.take(3); return undefined; } },
  { name: "end", run: (s, rd) => s.x.rt_rd_end(rd), ref: (r) => { if (r.pos !== r.b.length) throw new Bad(0x31); return undefined; } },
];

describe("SCALE reader on random input", () => {
  it("agrees with the reference decoder, panic for panic", () => {
    const s = new Support();
    const rng = new Rng(77);
    let panics = 0, reads = 0;
    for (let round = 0; round < 4000; round++) {
      // short inputs biased toward small compact prefixes, so reads often succeed
      const input = rng.bytes(rng.int(48));
      if (input.length && rng.int(2)) input[0] = rng.int(64) << 2;
      const rd = s.x.rt_rd_new(s.bytes(input));
      const ref = new RefReader(input);
      for (let k = 0; k < 6; k++) {
        const op = rng.pick(OPS);
        let want: unknown;
        try { want = op.ref(ref); } catch (e) { if (!(e instanceof Bad)) throw e; want = { panic: e.code }; }
        const r = s.attempt(() => op.run(s, rd));
        const got = r.ok ? r.value : { panic: panicCode(r.data, PANIC_KECCAK) };
        expect(got, `${op.name} on ${Buffer.from(input).toString("hex")} at ${k}`).toEqual(want);
        if (!r.ok) { panics++; break; }
        reads++;
        expect(s.x.rt_rd_remaining(rd)).toBe(input.length - ref.pos);
      }
    }
    expect(panics).toBeGreaterThan(500);
    expect(reads).toBeGreaterThan(2000);
  });
});
