/**
 * A byte writer and reader for the messages between the executor and its
 * worker threads: one ArrayBuffer per message, moved (transferred), not
 * copied, and read in place. Little-endian; strings as u32 length ‖ UTF-8;
 * optional byte strings as u32 length ‖ bytes, with 0xffffffff for none.
 */
import { GrowableBytes } from "../growable.ts";

const NONE = 0xffffffff;
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

export class ByteWriter extends GrowableBytes {
  /** the buffer being written (public here: the wire code writes headers in place) */
  public declare buf: Uint8Array;
  view: DataView;

  constructor(capacity = 4096) {
    super(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  override room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    super.room(n);
    this.view = new DataView(this.buf.buffer);
  }

  u8(v: number): void {
    this.push(v);
  }

  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }

  f64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }

  raw(b: Uint8Array): void {
    this.append(b);
  }

  bytes(b: Uint8Array): void {
    this.u32(b.length);
    this.raw(b);
  }

  /** an optional byte string: undefined is written as "none" */
  maybeBytes(b: Uint8Array | undefined): void {
    if (b === undefined) this.u32(NONE);
    else this.bytes(b);
  }

  str(s: string): void {
    // at most 3 bytes per UTF-16 unit
    this.room(4 + 3 * s.length);
    const { written } = utf8.encodeInto(s, this.buf.subarray(this.length + 4));
    this.view.setUint32(this.length, written, true);
    this.length += 4 + written;
  }

  /** Start again, keeping the capacity. */
  clear(): void {
    this.length = 0;
  }

  /** Write into `buffer` from its start (a buffer that came back from a worker, to be used again). */
  adopt(buffer: ArrayBuffer): void {
    this.buf = new Uint8Array(buffer);
    this.view = new DataView(buffer);
    this.length = 0;
  }

  /** Hand over the buffer written (to transfer it; its first `length` bytes are the message) and start a new one. */
  detach(next: ArrayBuffer | undefined): ArrayBuffer {
    const done = this.buf.buffer as ArrayBuffer;
    this.adopt(next ?? new ArrayBuffer(done.byteLength));
    return done;
  }
}

export class ByteReader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  pos = 0;

  constructor(buffer: ArrayBuffer | Uint8Array, readonly end = buffer.byteLength) {
    this.bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
  }

  u8(): number {
    return this.bytes[this.pos++]!;
  }

  u32(): number {
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f64(): number {
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** n bytes as a view into the message (copy what is kept: `.slice()`) */
  raw(n: number): Uint8Array {
    const b = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  bytesView(): Uint8Array {
    return this.raw(this.u32());
  }

  /** n bytes, copied (one allocation, where raw(n).slice() makes two) */
  copy(n: number): Uint8Array {
    const b = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  bytesCopy(): Uint8Array {
    return this.copy(this.u32());
  }

  maybeBytesCopy(): Uint8Array | undefined {
    const n = this.u32();
    return n === NONE ? undefined : this.copy(n);
  }

  maybeBytesView(): Uint8Array | undefined {
    const n = this.u32();
    return n === NONE ? undefined : this.raw(n);
  }

  str(): string {
    return utf8Decoder.decode(this.raw(this.u32()));
  }

  get done(): boolean {
    return this.pos >= this.end;
  }
}
