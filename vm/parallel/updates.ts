/**
 * What the workers' state caches are told: one log of entries, the same
 * bytes for every worker, each worker sent the part it has not seen before
 * its next batch. Entries: a storage value (its key defined on first
 * mention, then named by number; a value for a number a worker does not
 * know is skipped), a contract's code and ABI (or "none", or "a
 * precompile"). A reset (a new generation) empties every cache; a worker on
 * an older generation (reset, or replaced after a crash) starts from an
 * empty cache and what the log still holds.
 *
 * The caches only make workers fast: a value a worker read is checked
 * against the committed one before its result is used (docs/parallel.md).
 */
import type { Abi } from "../abi/types.ts";
import { ByteWriter } from "./bytes.ts";

/** More names than this and numbering starts over (with a reset). */
const MAX_NAMES = 1 << 20;

export const Entry = { Value: 1, Define: 2, Code: 3, Name: 4 } as const;
export const CodeKind = { None: 0, Contract: 1, Precompile: 2 } as const;

/** A storage key as the log knows it (KeyRec in records.ts). */
export interface LoggedKey {
  id: number;
  address: string;
  key: Uint8Array;
  /** the generation in which the workers were told this key (and its number) */
  defGen: number;
  /** the value they were told last */
  sentValue: Uint8Array | undefined;
}

export interface CodeInfo {
  kind: number;
  hash?: string;
  code?: Uint8Array;
  abi?: Abi;
}

/** Where a worker is in the log. */
export interface Cursor {
  gen: number;
  pos: number;
}

export class UpdateLog {
  gen = 1;
  private readonly w = new ByteWriter(1 << 16);
  /** the log position of w's first byte (bytes before it were dropped) */
  private base = 0;
  private readonly codeGen = new Map<string, number>();
  /** names by string: their number (kept for the executor's life) and the generation they were last told in */
  private readonly names = new Map<string, { id: number; gen: number }>();
  private nameCount = 0;
  /** names by number */
  readonly nameList: string[] = [];

  get end(): number {
    return this.base + this.w.length;
  }

  /** Whether the workers know this key in the current generation. */
  known(k: LoggedKey): boolean {
    return k.defGen === this.gen;
  }

  /** A key's value; `define` names the key in full even if it was before (a worker that lost it asked). */
  value(k: LoggedKey, value: Uint8Array | undefined, define = false): void {
    const w = this.w;
    if (k.defGen === this.gen && !define) {
      w.u8(Entry.Value);
      w.u32(k.id);
    } else {
      w.u8(Entry.Define);
      w.u32(k.id);
      w.str(k.address);
      w.bytes(k.key);
      k.defGen = this.gen;
    }
    w.maybeBytes(value);
    k.sentValue = value;
  }

  codeKnown(address: string): boolean {
    return this.codeGen.get(address) === this.gen;
  }

  code(address: string, info: CodeInfo): void {
    const w = this.w;
    w.u8(Entry.Code);
    w.str(address);
    w.u8(info.kind);
    if (info.kind === CodeKind.Contract) {
      w.str(info.hash!);
      w.bytes(info.code!);
      w.str(info.abi ? JSON.stringify(info.abi) : "");
    }
    this.codeGen.set(address, this.gen);
  }

  /** The number of a name (an account, a contract path), told to the workers if they do not know it. */
  name(s: string): number {
    let n = this.names.get(s);
    if (n === undefined) {
      this.names.set(s, (n = { id: this.nameCount++, gen: 0 }));
      this.nameList[n.id] = s;
    }
    if (n.gen !== this.gen) {
      const w = this.w;
      w.u8(Entry.Name);
      w.u32(n.id);
      w.str(s);
      n.gen = this.gen;
    }
    return n.id;
  }

  /** Between blocks: when names have piled up, number them afresh (the workers forget theirs in the reset). */
  limitNames(): void {
    if (this.names.size < MAX_NAMES) return;
    this.names.clear();
    this.nameList.length = 0;
    this.nameCount = 0;
    this.reset();
  }

  /** How much of the log a worker at `c` has not been sent (Infinity: it needs a reset). */
  backlog(c: Cursor): number {
    return c.gen === this.gen ? this.end - c.pos : Infinity;
  }

  /** The bytes a worker at `c` has not been sent (a view: copy before the log changes), and moves c to the end. */
  unsent(c: Cursor): { reset: boolean; bytes: Uint8Array } {
    const reset = c.gen !== this.gen;
    const from = reset ? this.base : c.pos;
    const bytes = this.w.buf.subarray(from - this.base, this.w.length);
    c.gen = this.gen;
    c.pos = this.end;
    return { reset, bytes };
  }

  /** Drop what every worker has been sent. */
  trim(cursors: readonly Cursor[]): void {
    // a worker on an older generation still needs the whole log of this one
    if (cursors.some((c) => c.gen !== this.gen)) return;
    let min = this.end;
    for (const c of cursors) if (c.pos < min) min = c.pos;
    const drop = min - this.base;
    if (drop === 0) return;
    this.w.buf.copyWithin(0, drop, this.w.length);
    this.w.length -= drop;
    this.base = min;
  }

  /** A new generation: every cache is emptied on the worker's next batch. */
  reset(): void {
    this.gen++;
    this.w.clear();
    this.base = 0;
    this.codeGen.clear();
  }
}
