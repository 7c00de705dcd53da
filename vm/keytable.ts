/**
 * Storage keys of one contract, found by their bytes where they lie (in
 * contract memory) rather than by a string made from them: a lookup hashes
 * and compares the bytes in place, four at a time through DataViews, with
 * no allocation and no string for V8 to hash. The latin1 string a ChainState may want (`keyStr`) is made once,
 * when a key is first seen, and kept with it.
 *
 * Open addressing with linear probing over a power-of-two array; entries
 * are never removed one by one (the journal drops whole tables).
 */

/** What the table needs of its entries. */
export interface Keyed {
  /** the key's bytes (never changed) */
  keyView: DataView;
  /** their number (a DataView's byteLength is a getter call) */
  keyLength: number;
  /** keyHash(keyView, 0, its length) */
  hash: number;
}

const MIN_SIZE = 16;

/** An FNV-1a-style hash of bytes[at, at + len), a 32-bit word at a time, seeded with the length. */
export function keyHash(bytes: DataView, at: number, len: number): number {
  let h = 0x811c9dc5 ^ len;
  let i = 0;
  for (; i + 4 <= len; i += 4) h = Math.imul(h ^ bytes.getInt32(at + i, true), 0x01000193);
  for (; i < len; i++) h = Math.imul(h ^ bytes.getUint8(at + i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Whether key (of keyLength bytes) equals bytes[at, at + len). */
export function sameBytes(key: DataView, keyLength: number, bytes: DataView, at: number, len: number): boolean {
  if (keyLength !== len) return false;
  let i = 0;
  for (; i + 4 <= len; i += 4) if (key.getInt32(i, true) !== bytes.getInt32(at + i, true)) return false;
  for (; i < len; i++) if (key.getUint8(i) !== bytes.getUint8(at + i)) return false;
  return true;
}

export class KeyTable<E extends Keyed> {
  private slots: (E | undefined)[] = new Array(MIN_SIZE).fill(undefined);
  private mask = MIN_SIZE - 1;
  size = 0;

  /** The entry whose key is bytes[at, at + len) and whose hash is `hash`, if any. */
  get(hash: number, bytes: DataView, at: number, len: number): E | undefined {
    const slots = this.slots;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const e = slots[i];
      if (e === undefined) return undefined;
      if (e.hash === hash && sameBytes(e.keyView, e.keyLength, bytes, at, len)) return e;
    }
  }

  /** Add an entry whose key is not in the table. */
  add(e: E): void {
    if (2 * (this.size + 1) > this.slots.length) this.grow();
    this.place(e);
    this.size++;
  }

  private place(e: E): void {
    const slots = this.slots;
    let i = e.hash & this.mask;
    while (slots[i] !== undefined) i = (i + 1) & this.mask;
    slots[i] = e;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Array(old.length * 2).fill(undefined);
    this.mask = this.slots.length - 1;
    for (const e of old) if (e !== undefined) this.place(e);
  }
}
