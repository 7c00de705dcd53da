/**
 * Per-transaction storage overlay with an undo log. Frames take a
 * checkpoint when they start; a failed frame rolls back to it (its writes
 * vanish), a successful one simply keeps them, which merges them into the
 * caller. `commit` writes the surviving changes to the chain state in the
 * order keys were first touched.
 *
 * This is on every call's path, so nothing is reallocated per transaction:
 * entries are kept between transactions (found by their key bytes, see
 * keytable.ts) and carry the number of the transaction that loaded them; an
 * entry of an earlier transaction counts as absent and is read from the
 * chain state again (the tables are emptied only when they grow large).
 */
import { StateFailure } from "./frame.ts";
import { bytesToKey } from "./keys.ts";
import { KeyTable, keyHash, sameBytes } from "./keytable.ts";
import type { ChainState } from "./state.ts";

export interface Entry {
  address: string;
  /** the key as a latin1 string, for ChainStates keyed by strings */
  keyStr: string;
  key: Uint8Array;
  /** the same bytes, for comparing keys a word at a time */
  keyView: DataView;
  keyLength: number;
  hash: number;
  value: Uint8Array | undefined;
  dirty: boolean;
  /** the transaction that loaded it */
  tx: number;
}

interface Undo {
  entry: Entry;
  value: Uint8Array | undefined;
  dirty: boolean;
}

export const RECENT = 4;
const MAX_KEPT_KEYS = 1 << 16;

export class Journal {
  private byAddress = new Map<string, KeyTable<Entry>>();
  private keys = 0;
  private tx = 1;
  /** entries loaded in this transaction, in first-touch order */
  private touched: Entry[] = [];
  private touchedCount = 0;
  private undo: Undo[] = [];
  private undoTop = 0;
  private lastAddress: string | undefined;
  private lastTable: KeyTable<Entry> | undefined;
  /** the last few entries touched, most recent first: contracts read a key, then write it */
  private readonly recent: (Entry | undefined)[] = new Array(RECENT).fill(undefined);

  constructor(private readonly state: ChainState) {}

  private table(address: string): KeyTable<Entry> {
    if (this.lastAddress === address) return this.lastTable!;
    let t = this.byAddress.get(address);
    if (!t) this.byAddress.set(address, (t = new KeyTable()));
    this.lastAddress = address;
    this.lastTable = t;
    return t;
  }

  /**
   * The entry of `address`'s key bytes[at, at + len), read from the chain
   * state if this transaction has not touched it yet. `bytes` is only read
   * (the key is copied when it is new).
   */
  entry(address: string, bytes: DataView, at: number, len: number): Entry {
    const r = this.recent;
    for (let i = 0; i < RECENT; i++) {
      const e = r[i];
      if (e === undefined) break;
      if (e.address === address && sameBytes(e.keyView, e.keyLength, bytes, at, len)) {
        if (i > 0) this.touch(e);
        return e;
      }
    }
    const table = this.table(address);
    const hash = keyHash(bytes, at, len);
    let e = table.get(hash, bytes, at, len);
    if (e === undefined) {
      const key = new Uint8Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + len));
      e = { address, keyStr: bytesToKey(key), key, keyView: new DataView(key.buffer), keyLength: len, hash, value: undefined, dirty: false, tx: 0 };
      table.add(e);
      this.keys++;
    }
    if (e.tx !== this.tx) this.load(e);
    this.touch(e);
    return e;
  }

  private touch(e: Entry): void {
    const r = this.recent;
    if (r[0] === e) return;
    let i = 1;
    while (i < RECENT - 1 && r[i] !== e) i++;
    for (; i > 0; i--) r[i] = r[i - 1];
    r[0] = e;
  }

  /** Read an entry's value from the chain state: the first touch in this transaction. */
  private load(e: Entry): void {
    let stored: Uint8Array | undefined;
    try {
      stored = this.state.getStorage(e.address, e.key, e.keyStr);
    } catch (err) {
      throw new StateFailure(err);
    }
    e.value = stored && stored.length > 0 ? stored : undefined;
    e.dirty = false;
    e.tx = this.tx;
    if (this.touchedCount < this.touched.length) this.touched[this.touchedCount] = e;
    else this.touched.push(e);
    this.touchedCount++;
  }

  /** value undefined (or empty) deletes */
  set(e: Entry, value: Uint8Array | undefined): void {
    const u = this.undo[this.undoTop];
    if (u) {
      u.entry = e;
      u.value = e.value;
      u.dirty = e.dirty;
    } else {
      this.undo.push({ entry: e, value: e.value, dirty: e.dirty });
    }
    this.undoTop++;
    e.value = value && value.length > 0 ? value : undefined;
    e.dirty = true;
  }

  checkpoint(): number {
    return this.undoTop;
  }

  rollback(checkpoint: number): void {
    while (this.undoTop > checkpoint) {
      const u = this.undo[--this.undoTop]!;
      u.entry.value = u.value;
      u.entry.dirty = u.dirty;
    }
  }

  commit(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const e = this.touched[i]!;
      if (e.dirty) this.state.setStorage(e.address, e.key, e.value, e.keyStr);
    }
    this.reset();
  }

  /** Forget everything (the start of a transaction). */
  reset(): void {
    this.tx++;
    this.touchedCount = 0;
    this.undoTop = 0;
    const r = this.recent;
    for (let i = 0; i < RECENT; i++) r[i] = undefined;
    if (this.keys > MAX_KEPT_KEYS) {
      this.byAddress.clear();
      this.keys = 0;
      this.lastAddress = this.lastTable = undefined;
    }
  }
}
