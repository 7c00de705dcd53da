/** Storage keys are bytes; maps key them by a latin1 string (one char per byte). */
import { Buffer } from "node:buffer";

export function bytesToKey(b: Uint8Array): string {
  if (b.length <= 1024) return String.fromCharCode.apply(null, b as unknown as number[]);
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString("latin1");
}

export function keyToBytes(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, "latin1"));
}
