/**
 * Per-transaction storage overlay with an undo log. Frames take a
 * checkpoint when they start; a failed frame rolls back to it (its writes
 * vanish), a successful one simply keeps them, which merges them into the
 * caller. `commit` writes the surviving changes to the chain state in the
 * order keys were first touched.
 */
import type { ChainState } from "./state.ts";

interface Entry {
  key: Uint8Array;
  value: Uint8Array | undefined;
  dirty: boolean;
}

interface Undo {
  entry: Entry;
  value: Uint8Array | undefined;
  dirty: boolean;
}

export class Journal {
  private byAddress = new Map<string, Map<string, Entry>>();
  private undo: Undo[] = [];
  private lastAddress: string | undefined;
  private lastMap: Map<string, Entry> | undefined;

  constructor(private readonly state: ChainState) {}

  private entry(address: string, key: Uint8Array, keyStr: string): Entry {
    let m = this.lastAddress === address ? this.lastMap! : this.byAddress.get(address);
    if (!m) this.byAddress.set(address, (m = new Map()));
    this.lastAddress = address;
    this.lastMap = m;
    let e = m.get(keyStr);
    if (!e) {
      const copy = key.slice();
      const stored = this.state.getStorage(address, copy);
      e = { key: copy, value: stored && stored.length > 0 ? stored : undefined, dirty: false };
      m.set(keyStr, e);
    }
    return e;
  }

  /** `key` may be a view that changes later: it is copied when kept. */
  get(address: string, key: Uint8Array, keyStr: string): Uint8Array | undefined {
    return this.entry(address, key, keyStr).value;
  }

  /** value undefined (or empty) deletes */
  set(address: string, key: Uint8Array, keyStr: string, value: Uint8Array | undefined): void {
    const e = this.entry(address, key, keyStr);
    this.undo.push({ entry: e, value: e.value, dirty: e.dirty });
    e.value = value && value.length > 0 ? value : undefined;
    e.dirty = true;
  }

  checkpoint(): number {
    return this.undo.length;
  }

  rollback(checkpoint: number): void {
    while (this.undo.length > checkpoint) {
      const u = this.undo.pop()!;
      u.entry.value = u.value;
      u.entry.dirty = u.dirty;
    }
  }

  commit(): void {
    for (const [address, m] of this.byAddress) {
      for (const e of m.values()) if (e.dirty) this.state.setStorage(address, e.key, e.value);
    }
    this.byAddress.clear();
    this.undo.length = 0;
    this.lastAddress = this.lastMap = undefined;
  }
}
