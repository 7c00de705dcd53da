/**
 * A worker thread's replica of chain state, filled lazily from the update
 * log (updates.ts), and the ChainState its VM runs on. A read of anything
 * the replica does not hold stops the transaction with a Miss naming it
 * (the calling thread fetches it and the transaction is tried again); a
 * contract that is a precompile, or anything the worker must not do
 * (deploy), stops it with HandBack (the calling thread runs it). Reads are
 * recorded with the value returned, writes with the value written; the
 * replica itself changes only through the log.
 */
import type { Abi } from "../abi/types.ts";
import { bytesToKey } from "../keys.ts";
import type { ChainState } from "../state.ts";
import { ByteReader } from "./bytes.ts";
import { CodeKind, Entry } from "./updates.ts";

export class Miss {
  constructor(
    readonly address: string,
    /** the storage key; undefined for the contract's code */
    readonly key?: Uint8Array,
  ) {}
}

export class HandBack {
  constructor(readonly reason: string) {}
}

export interface Cell {
  id: number;
  value: Uint8Array | undefined;
}

interface CodeCell {
  kind: number;
  hash?: string;
  code?: Uint8Array;
  abi?: Abi;
}

export class CacheState implements ChainState {
  private storage = new Map<string, Map<string, Cell>>();
  private byId: (Cell | undefined)[] = [];
  private code = new Map<string, CodeCell>();
  /** names (accounts, contract paths) by number, and numbers by name */
  names: string[] = [];
  readonly nameIds = new Map<string, number>();
  private lastAddress: string | undefined;
  private lastMap: Map<string, Cell> | undefined;
  /** what the current transaction read and wrote */
  reads: Cell[] = [];
  readValues: (Uint8Array | undefined)[] = [];
  nReads = 0;
  writes: Cell[] = [];
  writeValues: (Uint8Array | undefined)[] = [];
  nWrites = 0;

  clear(): void {
    this.storage.clear();
    this.byId = [];
    this.code.clear();
    this.names = [];
    this.nameIds.clear();
    this.lastAddress = this.lastMap = undefined;
  }

  beginTx(): void {
    this.nReads = 0;
    this.nWrites = 0;
  }

  /** Apply log entries (bytes of updates.ts's UpdateLog). */
  apply(bytes: Uint8Array): void {
    const r = new ByteReader(bytes);
    while (!r.done) {
      const tag = r.u8();
      if (tag === Entry.Name) {
        const id = r.u32();
        const name = r.str();
        this.names[id] = name;
        this.nameIds.set(name, id);
        continue;
      }
      if (tag === Entry.Code) {
        const address = r.str();
        const kind = r.u8();
        if (kind !== CodeKind.Contract) this.code.set(address, { kind });
        else {
          const hash = r.str();
          const code = r.bytesCopy();
          const abiText = r.str();
          const cell: CodeCell = { kind, hash, code };
          if (abiText !== "") cell.abi = JSON.parse(abiText) as Abi;
          this.code.set(address, cell);
        }
        continue;
      }
      const id = r.u32();
      if (tag === Entry.Define) {
        const address = r.str();
        const key = r.bytesView();
        const value = r.maybeBytesCopy();
        let cell = this.byId[id];
        if (cell === undefined) {
          cell = { id, value };
          this.byId[id] = cell;
          this.table(address).set(bytesToKey(key), cell);
        } else cell.value = value;
      } else {
        const cell = this.byId[id];
        if (cell !== undefined) cell.value = r.maybeBytesCopy();
        else r.maybeBytesView();
      }
    }
  }

  private table(address: string): Map<string, Cell> {
    if (address === this.lastAddress) return this.lastMap!;
    let m = this.storage.get(address);
    if (!m) this.storage.set(address, (m = new Map()));
    this.lastAddress = address;
    return (this.lastMap = m);
  }

  private cell(address: string, key: Uint8Array, keyLatin1: string | undefined): Cell {
    const c = this.table(address).get(keyLatin1 ?? bytesToKey(key));
    if (c === undefined) throw new Miss(address, key.slice());
    return c;
  }

  getStorage(address: string, key: Uint8Array, keyLatin1?: string): Uint8Array | undefined {
    const c = this.cell(address, key, keyLatin1);
    this.reads[this.nReads] = c;
    this.readValues[this.nReads++] = c.value;
    return c.value;
  }

  setStorage(address: string, key: Uint8Array, value: Uint8Array | undefined, keyLatin1?: string): void {
    const c = this.cell(address, key, keyLatin1);
    this.writes[this.nWrites] = c;
    this.writeValues[this.nWrites++] = value;
  }

  private codeCell(address: string): CodeCell | undefined {
    const c = this.code.get(address);
    if (c === undefined) throw new Miss(address);
    if (c.kind === CodeKind.Precompile) throw new HandBack(`${address} is a precompile`);
    return c.kind === CodeKind.Contract ? c : undefined;
  }

  getCode(address: string): Uint8Array | undefined {
    return this.codeCell(address)?.code;
  }

  getCodeHash(address: string): string | undefined {
    return this.codeCell(address)?.hash;
  }

  getAbi(address: string): Abi | undefined {
    return this.codeCell(address)?.abi;
  }

  setCode(): void {
    throw new HandBack("deployment");
  }

  setAbi(): void {
    throw new HandBack("deployment");
  }
}
