/** Byte reader and writer for the Wasm binary format (strict LEB128). */
import { VmError } from "../errors.ts";
import { GrowableBytes } from "../growable.ts";

export class WasmReader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  fail(what: string, at = this.pos): never {
    throw new VmError("WASM_MALFORMED", `${what} at byte ${at}`);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) this.fail("unexpected end");
    return this.buf[this.pos++]!;
  }

  bytes(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail(`unexpected end (need ${n} bytes)`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Unsigned LEB128 of at most 32 bits; rejects over-long and overflowing forms. */
  u32(): number {
    const at = this.pos;
    let result = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.byte();
      if (i === 4 && (b & 0x70) !== 0) this.fail("u32 LEB128 overflows", at);
      result += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) return result;
    }
    return this.fail("u32 LEB128 too long", at);
  }

  /** Signed LEB128 of at most `bits` bits (32 or 64), returned as bigint. */
  sleb(bits: 32 | 64): bigint {
    const at = this.pos;
    const maxBytes = Math.ceil(bits / 7);
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < maxBytes; i++) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        if (i === maxBytes - 1) {
          // The unused high bits of the last byte must all equal the sign bit.
          const used = bits - 7 * (maxBytes - 1); // bits carried by this byte
          const rest = (b & 0x7f) >> (used - 1); // sign bit and the unused bits
          if (rest !== 0 && rest !== (0x7f >> (used - 1))) this.fail(`s${bits} LEB128 overflows`, at);
        }
        if (b & 0x40) result -= 1n << shift;
        return BigInt.asIntN(bits, result);
      }
    }
    return this.fail(`s${bits} LEB128 too long`, at);
  }

  name(): string {
    const n = this.u32();
    const raw = this.bytes(n);
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(raw);
    } catch {
      return this.fail("name is not valid UTF-8");
    }
  }
}

export class WasmWriter extends GrowableBytes {
  constructor(capacity = 256) {
    super(capacity);
  }

  byte(b: number): this {
    this.push(b);
    return this;
  }

  bytes(src: Uint8Array): this {
    this.append(src);
    return this;
  }

  u32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      throw new VmError("WASM_MALFORMED", `u32 out of range: ${v}`);
    }
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }

  sleb(v: bigint): this {
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  name(s: string): this {
    const raw = new TextEncoder().encode(s);
    return this.u32(raw.length).bytes(raw);
  }

  /** A length-prefixed vector whose payload is written by `fill`. */
  sized(fill: (w: WasmWriter) => void): this {
    const inner = new WasmWriter();
    fill(inner);
    return this.u32(inner.length).bytes(inner.finish());
  }
}
