/**
 * The ChainState the calling thread's VM sees. Three modes:
 * - direct: everything goes to the block's ChainState (serial execution, and
 *   a block's serial prefix before anything has used the overlay; then writes
 *   to keys the workers hold are also put in the update log);
 * - apply: storage through the key records (the block's overlay), writes
 *   committed at once — for transactions that run with everything before
 *   them committed and nothing after them started (barriers, serial runs);
 * - record: storage through the records, and the transaction's reads and
 *   writes collected (writes not applied) for the validation rule.
 * Code and ABIs set in the block (deployments, which are barriers) stay in
 * an overlay too until the block is flushed.
 */
import type { Abi } from "../abi/types.ts";
import { bytesToKey } from "../keys.ts";
import type { ChainState } from "../state.ts";
import type { KeyRec, KeyRecords } from "./records.ts";
import { CodeKind, type CodeInfo, type UpdateLog } from "./updates.ts";

export const Mode = { Direct: 0, Apply: 1, Record: 2 } as const;

interface CodeOverlay {
  code?: Uint8Array;
  hash?: string;
  abi?: Abi;
}

export class MainState implements ChainState {
  base!: ChainState;
  mode: number = Mode.Direct;
  /** direct mode: tell the workers of writes to keys they hold */
  logDirect = false;
  private code = new Map<string, CodeOverlay>();
  /** record mode: what the current transaction read and wrote */
  reads: KeyRec[] = [];
  nReads = 0;
  writes: KeyRec[] = [];
  writeValues: (Uint8Array | undefined)[] = [];
  nWrites = 0;

  constructor(
    private readonly recs: KeyRecords,
    private readonly log: UpdateLog,
    private readonly isPrecompile: (address: string) => boolean,
  ) {}

  begin(base: ChainState, mode: number, logDirect = false): void {
    this.base = base;
    this.mode = mode;
    this.logDirect = logDirect;
    this.code.clear();
  }

  /** Start recording a transaction. */
  clearAccess(): void {
    this.nReads = 0;
    this.nWrites = 0;
  }

  private rec(address: string, key: Uint8Array, keyLatin1: string | undefined): KeyRec {
    const r = this.recs.get(address, keyLatin1 ?? bytesToKey(key), key);
    this.recs.touch(r);
    return r;
  }

  getStorage(address: string, key: Uint8Array, keyLatin1?: string): Uint8Array | undefined {
    if (this.mode === Mode.Direct) return this.base.getStorage(address, key, keyLatin1);
    const r = this.rec(address, key, keyLatin1);
    if (this.mode === Mode.Record) this.reads[this.nReads++] = r;
    return r.cur;
  }

  setStorage(address: string, key: Uint8Array, value: Uint8Array | undefined, keyLatin1?: string): void {
    if (this.mode === Mode.Direct) {
      this.base.setStorage(address, key, value, keyLatin1);
      if (this.logDirect) {
        const r = this.recs.peek(address, keyLatin1 ?? bytesToKey(key));
        if (r !== undefined && this.log.known(r)) this.log.value(r, value !== undefined && value.length > 0 ? value : undefined);
      }
      return;
    }
    const r = this.rec(address, key, keyLatin1);
    if (this.mode === Mode.Apply) return this.recs.write(r, value);
    this.writes[this.nWrites] = r;
    this.writeValues[this.nWrites++] = value;
  }

  getCode(address: string): Uint8Array | undefined {
    if (this.mode === Mode.Direct) return this.base.getCode(address);
    const o = this.code.get(address);
    return o?.code ?? this.base.getCode(address);
  }

  getCodeHash(address: string): string | undefined {
    if (this.mode === Mode.Direct) return this.base.getCodeHash(address);
    const o = this.code.get(address);
    return o?.hash ?? this.base.getCodeHash(address);
  }

  getAbi(address: string): Abi | undefined {
    if (this.mode === Mode.Direct) return this.base.getAbi(address);
    const o = this.code.get(address);
    return o?.abi ?? this.base.getAbi(address);
  }

  setCode(address: string, code: Uint8Array, codeHash: string): void {
    if (this.mode === Mode.Direct) {
      this.base.setCode(address, code, codeHash);
      if (this.logDirect && this.log.codeKnown(address)) this.log.code(address, this.codeInfo(address));
      return;
    }
    const o = this.overlay(address);
    o.code = code.slice();
    o.hash = codeHash;
    if (this.log.codeKnown(address)) this.log.code(address, this.codeInfo(address));
  }

  setAbi(address: string, abi: Abi): void {
    if (this.mode === Mode.Direct) {
      this.base.setAbi(address, abi);
      if (this.logDirect && this.log.codeKnown(address)) this.log.code(address, this.codeInfo(address));
      return;
    }
    this.overlay(address).abi = abi;
    if (this.log.codeKnown(address)) this.log.code(address, this.codeInfo(address));
  }

  private overlay(address: string): CodeOverlay {
    let o = this.code.get(address);
    if (!o) this.code.set(address, (o = {}));
    return o;
  }

  /** What a worker needs to know of the contract at `address` (as of now in the block). */
  codeInfo(address: string): CodeInfo {
    if (this.isPrecompile(address)) return { kind: CodeKind.Precompile };
    const hash = this.getCodeHash(address);
    const code = hash === undefined ? undefined : this.getCode(address);
    if (hash === undefined || code === undefined) return { kind: CodeKind.None };
    const abi = this.getAbi(address);
    return abi ? { kind: CodeKind.Contract, hash, code, abi } : { kind: CodeKind.Contract, hash, code };
  }

  /** Write the block's code and ABIs to its ChainState. */
  flushCode(): void {
    for (const [address, o] of this.code) {
      if (o.code && o.hash) this.base.setCode(address, o.code, o.hash);
      if (o.abi) this.base.setAbi(address, o.abi);
    }
    this.code.clear();
  }
}
