/** Storage keys are bytes; maps key them by a latin1 string (one char per byte). */
import { Buffer } from "node:buffer";

export function bytesToKey(b: Uint8Array): string {
  if (b.length <= 1024) return String.fromCharCode.apply(null, b as unknown as number[]);
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString("latin1");
}

export function keyToBytes(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, "latin1"));
}

/** Node's Buffer has a direct latin1 slice; `toString("latin1", …)` reaches it through a dispatch. */
interface Latin1Slicer {
  latin1Slice(start: number, end: number): string;
}

/** Bytes [start, end) of a Buffer as a latin1 string. */
export function latin1(buf: Buffer, start: number, end: number): string {
  return (buf as unknown as Latin1Slicer).latin1Slice(start, end);
}
