/**
 * Per-transaction storage overlay with an undo log. Frames take a
 * checkpoint when they start; a failed frame rolls back to it (its writes
 * vanish), a successful one simply keeps them, which merges them into the
 * caller. `commit` writes the surviving changes to the chain state in the
 * order keys were first touched. Keys are latin1 strings of the key bytes.
 * (Arrays are reused between transactions: this is on every call's path.)
 */
import { StateFailure } from "./frame.ts";
import type { ChainState } from "./state.ts";

export interface Entry {
  address: string;
  keyStr: string;
  key: Uint8Array;
  value: Uint8Array | undefined;
  dirty: boolean;
}

interface Undo {
  entry: Entry;
  value: Uint8Array | undefined;
  dirty: boolean;
}

export const RECENT = 4;

export class Journal {
  private byAddress = new Map<string, Map<string, Entry>>();
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
    if (e) this.touch(e);
    return e;
  }

  private touch(e: Entry): void {
    const r = this.recent;
    if (r[0] === e) return;
    for (let i = RECENT - 1; i > 0; i--) r[i] = r[i - 1];
    r[0] = e;
  }

  /** Read a key not seen yet from the chain state; `key` must not change afterwards. */
  load(address: string, keyStr: string, key: Uint8Array): Entry {
    let stored: Uint8Array | undefined;
    try {
      stored = this.state.getStorage(address, key, keyStr);
    } catch (e) {
      throw new StateFailure(e);
    }
    const e: Entry = { address, keyStr, key, value: stored && stored.length > 0 ? stored : undefined, dirty: false };
    this.entries(address).set(keyStr, e);
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
    for (const [address, m] of this.byAddress) {
      for (const e of m.values()) if (e.dirty) this.state.setStorage(address, e.key, e.value, e.keyStr);
    }
    this.reset();
  }

  /** Forget everything (the start of a transaction). */
  reset(): void {
    if (this.byAddress.size > 0) this.byAddress.clear();
    this.undoTop = 0;
    this.lastAddress = this.lastMap = undefined;
    this.recent.fill(undefined);
  }
}
