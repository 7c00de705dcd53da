/**
 * The executor's storage keys, one record per (contract, key): the block's
 * committed value (an overlay over the block's ChainState, written to it
 * only when the block is done), what the validation rule needs (the
 * highest committed reader and writer in block order), and what the
 * workers' caches were told (updates.ts). Records are numbered; workers
 * name keys by number.
 */
import { bytesEqual } from "../abi/hex.ts";
import type { ChainState } from "../state.ts";
import type { LoggedKey, UpdateLog } from "./updates.ts";

export interface KeyRec extends LoggedKey {
  keyStr: string;
  /** the block (epoch) the fields below belong to */
  epoch: number;
  /** the committed value in this block (undefined: absent) */
  cur: Uint8Array | undefined;
  /** whether cur differs from the block's ChainState (written) */
  dirty: boolean;
  /** highest block index of a committed transaction that read / wrote the key (-1: none) */
  maxReader: number;
  maxWriter: number;
  /** the wave of the last committed write (-1: none) */
  writerWave: number;
}

/** More records than this and the table starts over (at a block's start). */
const MAX_RECORDS = 1 << 21;

export function sameValue(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && bytesEqual(a, b));
}

export class KeyRecords {
  private byAddress = new Map<string, Map<string, KeyRec>>();
  private lastAddress: string | undefined;
  private lastMap: Map<string, KeyRec> | undefined;
  byId: KeyRec[] = [];
  epoch = 0;
  private base!: ChainState;
  private dirtyList: KeyRec[] = [];

  constructor(private readonly log: UpdateLog) {}

  /** Start a block over `base` (nothing is in flight): every record reads afresh from it. */
  beginBlock(base: ChainState): void {
    this.epoch++;
    this.base = base;
    this.dirtyList = [];
    if (this.byId.length > MAX_RECORDS) {
      this.byAddress.clear();
      this.lastAddress = this.lastMap = undefined;
      this.byId = [];
      this.log.reset(); // workers name keys by number: they start over too
    }
  }

  /** Forget the block's writes (a cancelled attempt). */
  discardBlock(): void {
    this.epoch++;
    this.dirtyList = [];
  }

  get(address: string, keyStr: string, key: Uint8Array): KeyRec {
    let m: Map<string, KeyRec> | undefined;
    if (address === this.lastAddress) m = this.lastMap!;
    else {
      m = this.byAddress.get(address);
      if (!m) this.byAddress.set(address, (m = new Map()));
      this.lastAddress = address;
      this.lastMap = m;
    }
    let r = m.get(keyStr);
    if (r === undefined) {
      r = { id: this.byId.length, address, key, keyStr, defGen: 0, sentValue: undefined, epoch: 0, cur: undefined, dirty: false, maxReader: -1, maxWriter: -1, writerWave: -1 };
      m.set(keyStr, r);
      this.byId.push(r);
    }
    return r;
  }

  /** The record of a key, if there is one (no record is made). */
  peek(address: string, keyStr: string): KeyRec | undefined {
    return (address === this.lastAddress ? this.lastMap : this.byAddress.get(address))?.get(keyStr);
  }

  /** Make r's block fields current: its first touch in a block reads the ChainState. */
  touch(r: KeyRec): void {
    if (r.epoch === this.epoch) return;
    const v = this.base.getStorage(r.address, r.key, r.keyStr);
    r.cur = v !== undefined && v.length > 0 ? v : undefined;
    r.epoch = this.epoch;
    r.dirty = false;
    r.maxReader = r.maxWriter = r.writerWave = -1;
    // the workers hold something else (the state moved on without them): tell them
    if (this.log.known(r) && !sameValue(r.cur, r.sentValue)) this.log.value(r, r.cur);
  }

  /** Commit a write (r touched): the overlay, the workers' caches if they know the key. */
  write(r: KeyRec, value: Uint8Array | undefined): void {
    r.cur = value !== undefined && value.length > 0 ? value : undefined;
    if (!r.dirty) {
      r.dirty = true;
      this.dirtyList.push(r);
    }
    if (this.log.known(r)) this.log.value(r, r.cur);
  }

  /** Write the block's storage changes to its ChainState, in the order keys were first written. */
  flush(): void {
    for (const r of this.dirtyList) this.base.setStorage(r.address, r.key, r.cur, r.keyStr);
    this.dirtyList = [];
  }
}
