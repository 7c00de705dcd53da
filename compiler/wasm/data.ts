// Constant data of the generated code (string and bytes literals, 32-byte
// words: bytesN constants, event topics, big-integer constants; raw bytes
// for key prefixes and selectors), laid out after the support library's
// data. Identical constants share one address. The layout depends only on
// the order of first use, which is deterministic.
//
// The data starts at the first 64 KiB page boundary after the support
// library's static data, so that addresses in generated code (and in the
// golden WAT snapshots) do not move when the support library changes size.

export const PAGE = 0x10000;

export class DataBuilder {
  private readonly chunks: Uint8Array[] = [];
  private readonly index = new Map<string, number>();
  private size = 0;

  constructor(readonly base: number) {}

  /** Address of `bytes`, 8-aligned (placed on first use). */
  private place(kind: string, bytes: Uint8Array): number {
    const key = `${kind}:${hex(bytes)}`;
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const pad = (8 - (this.size % 8)) % 8;
    if (pad) this.push(new Uint8Array(pad));
    const addr = this.base + this.size;
    this.push(bytes);
    this.index.set(key, addr);
    return addr;
  }

  private push(b: Uint8Array): void {
    this.chunks.push(b);
    this.size += b.length;
  }

  /** A bytes value: [u32 len][bytes]. */
  bytesObject(content: Uint8Array): number {
    const b = new Uint8Array(4 + content.length);
    new DataView(b.buffer).setUint32(0, content.length, true);
    b.set(content, 4);
    return this.place("obj", b);
  }

  /** 32 bytes as they are (a bytesN value, a topic). */
  word(w: Uint8Array): number {
    if (w.length !== 32) throw new Error("internal: a word is 32 bytes");
    return this.place("word", w);
  }

  /** Raw bytes (passed with their length to the runtime). */
  raw(b: Uint8Array): number {
    return this.place("raw", b);
  }

  /** A 256-bit integer constant: 4 little-endian u64 limbs of its two's complement. */
  bigInt(v: bigint): number {
    let u = BigInt.asUintN(256, v);
    const b = new Uint8Array(32);
    for (let i = 0; i < 32; i++) {
      b[i] = Number(u & 0xffn);
      u >>= 8n;
    }
    return this.word(b);
  }

  get end(): number {
    return this.base + this.size;
  }

  /** All data as one segment. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let off = 0;
    for (const c of this.chunks) {
      out.set(c, off);
      off += c.length;
    }
    return out;
  }
}

function hex(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return s;
}
