// Byte and number helpers the suites share: big-endian 32-byte scalars.

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
}

/** Bytes of a hex string (with or without 0x); throws on anything else. */
export function fromHex(h: string): Uint8Array {
  const s = h.startsWith("0x") ? h.slice(2) : h;
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new Error(`not a hex string: ${h}`);
  return new Uint8Array(Buffer.from(s, "hex"));
}

/** The unsigned big-endian number in b[at, at + len). */
export function bytesToBig(b: Uint8Array, at = 0, len = 32): bigint {
  return BigInt("0x" + (len === 0 ? "0" : toHex(b.subarray(at, at + len))));
}

/** x (0 ≤ x < 2^256) as 32 big-endian bytes. */
export function bigTo32(x: bigint): Uint8Array {
  return fromHex(x.toString(16).padStart(64, "0"));
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function isBytes(x: unknown, length?: number): x is Uint8Array {
  return x instanceof Uint8Array && (length === undefined || x.length === length);
}
