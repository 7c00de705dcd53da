/**
 * Per-transaction storage overlay with an undo log. Frames take a
 * checkpoint when they start; a failed frame rolls back to it (its writes
 * vanish), a successful one simply keeps them, which merges them into the
 * caller. `commit` writes the surviving changes to the chain state in the
 * order keys were first touched. Keys are latin1 strings of the key bytes.
 *
 * This is on every call's path, so nothing is reallocated per transaction:
 * entries carry the number of the transaction that loaded them, and an entry
 * of an earlier transaction counts as absent (the maps are emptied only when
 * they grow large).
 */
import { StateFailure } from "./frame.ts";
import type { ChainState } from "./state.ts";

export interface Entry {
  address: string;
  keyStr: string;
  key: Uint8Array;
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
  private byAddress = new Map<string, Map<string, Entry>>();
  private keys = 0;
  private tx = 1;
  /** entries loaded in this transaction, in first-touch order */
  private touched: Entry[] = [];
  private touchedCount = 0;
  private undo: Undo[] = [];
  private undoTop = 0;
  private lastAddress: string | undefined;
  private lastMap: Map<string, Entry> | undefined;
  /** the last few entries touched, most recent first: contracts read a key, then write it */
  readonly recent: (Entry | undefined)[] = new Array(RECENT).fill(undefined);

  constructor(private readonly state: ChainState) {}

  private entries(address: string): Map<string, Entry> {
    if (this.lastAddress === address) return this.lastMap!;
    let m = this.byAddress.get(address);
    if (!m) this.byAddress.set(address, (m = new Map()));
    this.lastAddress = address;
    this.lastMap = m;
    return m;
  }

  /** The entry for a key already seen in this transaction, if any. */
  find(address: string, keyStr: string): Entry | undefined {
    const e = this.entries(address).get(keyStr);
    if (e === undefined || e.tx !== this.tx) return undefined;
    this.touch(e);
    return e;
  }

  private touch(e: Entry): void {
    const r = this.recent;
    if (r[0] === e) return;
    for (let i = RECENT - 1; i > 0; i--) r[i] = r[i - 1];
    r[0] = e;
  }

  /** Read a key not seen yet in this transaction from the chain state; `key` must not change afterwards. */
  load(address: string, keyStr: string, key: Uint8Array): Entry {
    let stored: Uint8Array | undefined;
    try {
      stored = this.state.getStorage(address, key, keyStr);
    } catch (e) {
      throw new StateFailure(e);
    }
    const value = stored && stored.length > 0 ? stored : undefined;
    const m = this.entries(address);
    let e = m.get(keyStr);
    if (e) {
      e.key = key;
      e.value = value;
      e.dirty = false;
      e.tx = this.tx;
    } else {
      m.set(keyStr, (e = { address, keyStr, key, value, dirty: false, tx: this.tx }));
      this.keys++;
    }
    if (this.touchedCount < this.touched.length) this.touched[this.touchedCount] = e;
    else this.touched.push(e);
    this.touchedCount++;
    this.touch(e);
    return e;
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
      this.lastAddress = this.lastMap = undefined;
    }
  }
}
