/**
 * The storage journal finds keys by their bytes in contract memory
 * (vm/keytable.ts) and keeps entries between transactions: a lookup must
 * never confuse two keys, and an entry of an earlier transaction must be
 * read from the chain state again.
 */
import { describe, expect, it } from "vitest";
import { Journal } from "../../vm/journal.ts";
import { KeyTable, keyHash, sameBytes, type Keyed } from "../../vm/keytable.ts";
import { InMemoryState } from "../../vm/index.ts";
import { hex, toHex } from "./helpers.ts";

/** `bytes` as a DataView at offset `at` of a larger buffer (keys lie anywhere in contract memory). */
function memoryWith(bytes: Uint8Array, at = 13): DataView {
  const buf = new Uint8Array(at + bytes.length + 7).fill(0xee);
  buf.set(bytes, at);
  return new DataView(buf.buffer);
}

function entryOf(bytes: Uint8Array, hash?: number): Keyed & { name: string } {
  const keyView = new DataView(bytes.slice().buffer);
  return { keyView, keyLength: bytes.length, hash: hash ?? keyHash(keyView, 0, bytes.length), name: toHex(bytes) };
}

describe("KeyTable", () => {
  it("tells apart keys whose hashes collide, and keys that are prefixes of each other", () => {
    const table = new KeyTable<Keyed & { name: string }>();
    const keys = ["", "00", "0000", "000000", "00000000", "0000000000", "0102030405", "0102030406", "ff".repeat(33)].map(hex);
    for (const k of keys) table.add(entryOf(k, 7)); // one hash for all: only the bytes can tell them apart
    for (const k of keys) {
      const mem = memoryWith(k);
      expect(table.get(7, mem, 13, k.length)?.name).toBe(toHex(k));
    }
    expect(table.get(7, memoryWith(hex("0102030407")), 13, 5)).toBeUndefined();
  });

  it("finds every key after growing", () => {
    const table = new KeyTable<Keyed & { name: string }>();
    const keys = Array.from({ length: 1000 }, (_, i) => hex(`6b6579${i.toString(16).padStart(4, "0")}`));
    for (const k of keys) table.add(entryOf(k));
    expect(table.size).toBe(1000);
    for (const k of keys) {
      const mem = memoryWith(k, 3);
      expect(table.get(keyHash(mem, 3, k.length), mem, 3, k.length)?.name).toBe(toHex(k));
    }
  });

  it("hashes and compares bytes wherever they lie", () => {
    const k = hex("62616c616e636573245f6120");
    const a = memoryWith(k, 0);
    const b = memoryWith(k, 5);
    expect(keyHash(a, 0, k.length)).toBe(keyHash(b, 5, k.length));
    const e = entryOf(k);
    expect(sameBytes(e.keyView, e.keyLength, b, 5, k.length)).toBe(true);
    expect(sameBytes(e.keyView, e.keyLength, b, 4, k.length)).toBe(false);
    expect(sameBytes(e.keyView, e.keyLength, b, 5, k.length - 1)).toBe(false);
  });
});

describe("Journal", () => {
  const K1 = hex("6b31");
  const K2 = hex("6b32");

  it("gives one entry per key in a transaction, and reads the chain state again in the next", () => {
    const state = new InMemoryState();
    state.setStorage("/a", K1, hex("01"));
    const j = new Journal(state);
    const e1 = j.entry("/a", memoryWith(K1), 13, 2);
    expect(toHex(e1.value!)).toBe("01");
    expect(j.entry("/a", memoryWith(K1, 40), 40, 2)).toBe(e1);
    expect(j.entry("/b", memoryWith(K1), 13, 2)).not.toBe(e1); // same key, other contract
    j.set(e1, hex("02"));
    j.commit();
    expect(toHex(state.getStorage("/a", K1)!)).toBe("02");
    // the embedder changes the state between transactions
    state.setStorage("/a", K1, hex("03"));
    expect(toHex(j.entry("/a", memoryWith(K1), 13, 2).value!)).toBe("03");
  });

  it("rolls back to a checkpoint, and writes nothing of an uncommitted transaction", () => {
    const state = new InMemoryState();
    const j = new Journal(state);
    const e1 = j.entry("/a", memoryWith(K1), 13, 2);
    j.set(e1, hex("01"));
    const cp = j.checkpoint();
    j.set(e1, hex("02"));
    j.set(j.entry("/a", memoryWith(K2), 13, 2), hex("03"));
    j.rollback(cp);
    expect(toHex(j.entry("/a", memoryWith(K1), 13, 2).value!)).toBe("01");
    expect(j.entry("/a", memoryWith(K2), 13, 2).value).toBeUndefined();
    j.reset(); // a dry run or a failed transaction: nothing committed
    expect(state.getStorage("/a", K1)).toBeUndefined();
    expect(j.entry("/a", memoryWith(K1), 13, 2).value).toBeUndefined();
  });
});
