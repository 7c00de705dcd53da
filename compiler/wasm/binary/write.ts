// Writing Wasm binaries: a growable byte buffer with LEB128 and the framing
// of sections and vectors.

const encoder = new TextEncoder();

export class Writer {
  private buf = new Uint8Array(1024);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): this {
    this.room(1);
    this.buf[this.length++] = b;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  u32(v: number): this {
    this.room(5);
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v) b |= 0x80;
      this.buf[this.length++] = b;
    } while (v);
    return this;
  }

  /** Signed LEB128 of an i32 value. */
  s32(v: number): this {
    this.room(5);
    v |= 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) {
        this.buf[this.length++] = b;
        return this;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  name(s: string): this {
    const b = encoder.encode(s);
    return this.u32(b.length).bytes(b);
  }

  /** A vector: its length, then `item` for each element. */
  vec<T>(items: readonly T[], item: (w: this, x: T) => void): this {
    this.u32(items.length);
    for (const x of items) item(this, x);
    return this;
  }

  /** Appends `inner` framed by `id` and its size (sections and name subsections). */
  framed(id: number, inner: Writer): this {
    return this.byte(id).u32(inner.length).bytes(inner.finish());
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Bytes of the unsigned LEB128 encoding of `v`. */
export function lebU32(v: number): Uint8Array {
  return new Writer().u32(v).finish().slice();
}
