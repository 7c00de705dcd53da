// Reads the active data segments of a Wasm MVP binary (section 11). The
// code generator must keep the support library's segments when it sets the
// memory of the linked module (binaryen's setMemory replaces all of them).

export interface DataSegment {
  offset: number;
  data: Uint8Array;
}

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error("truncated Wasm binary");
    return this.bytes[this.pos++]!;
  }

  /** Unsigned LEB128 (u32). */
  u32(): number {
    let result = 0, shift = 0, b: number;
    do {
      b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return result;
  }

  /** Signed LEB128 (i32). */
  i32(): number {
    let result = 0, shift = 0, b: number;
    do {
      b = this.byte();
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80 && shift < 35);
    if (shift < 32 && b & 0x40) result |= -1 << shift;
    return result;
  }

  take(n: number): Uint8Array {
    if (this.pos + n > this.bytes.length) throw new Error("truncated Wasm binary");
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

export function readDataSegments(wasm: Uint8Array): DataSegment[] {
  const r = new Reader(wasm);
  r.take(8); // magic, version
  const out: DataSegment[] = [];
  while (r.pos < wasm.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (id !== 11) {
      r.pos = end;
      continue;
    }
    for (let n = r.u32(); n > 0; n--) {
      if (r.u32() !== 0) throw new Error("only active segments of memory 0 are supported");
      if (r.byte() !== 0x41) throw new Error("segment offset is not an i32.const");
      const offset = r.i32();
      if (r.byte() !== 0x0b) throw new Error("segment offset expression is not a single constant");
      out.push({ offset, data: r.take(r.u32()) });
    }
    r.pos = end;
  }
  return out;
}
