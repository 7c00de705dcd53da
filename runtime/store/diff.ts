// A block's state changes (StateDiff), and BlockState: the ChainState a block
// executes against. It reads through to the state below it (the committed
// state, or another BlockState) and keeps the block's writes, so that later
// transactions of the block see earlier ones, until diff() hands them to
// ChainStore.prepare. Per-transaction rollback is the VM's journal, not
// this: the VM writes here only when a transaction succeeds.
import type { ChainState } from "../../vm/state.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { bytesToKey, keyToBytes } from "../../vm/keys.ts";

export interface StorageWrite {
  address: string;
  key: Uint8Array;
  /** undefined deletes the entry (as does an empty value). */
  value: Uint8Array | undefined;
}

/** A contract's code and ABI after the block (both written even when one changed). */
export interface ContractWrite {
  address: string;
  code: Uint8Array;
  /** As the VM gives it to setCode. */
  codeHash: string;
  /** ABI JSON; "" for none. */
  abi: string;
}

/** The store keeps the arrays of a diff as they are: do not change them after prepare. */
export interface StateDiff {
  storage: StorageWrite[];
  contracts: ContractWrite[];
}

interface PendingContract {
  code?: Uint8Array;
  codeHash?: string;
  abi?: Abi;
}

/** Sorted keys of a map, so that a diff never depends on the order of writes. */
const sortedKeys = <V>(m: Map<string, V>): string[] => [...m.keys()].sort();

export class BlockState implements ChainState {
  /** address → latin1 key → value; null marks a delete (undefined from get means "not written"). */
  private readonly storage = new Map<string, Map<string, Uint8Array | null>>();
  private readonly contracts = new Map<string, PendingContract>();

  constructor(private readonly base: ChainState) {}

  getStorage(address: string, key: Uint8Array, keyLatin1?: string): Uint8Array | undefined {
    const written = this.storage.get(address)?.get(keyLatin1 ?? bytesToKey(key));
    if (written !== undefined) return written ?? undefined;
    return this.base.getStorage(address, key, keyLatin1);
  }

  setStorage(address: string, key: Uint8Array, value: Uint8Array | undefined, keyLatin1?: string): void {
    let m = this.storage.get(address);
    if (!m) this.storage.set(address, (m = new Map()));
    // kept as given: the VM never changes a value it has passed (vm/state.ts)
    m.set(keyLatin1 ?? bytesToKey(key), value === undefined || value.length === 0 ? null : value);
  }

  getCode(address: string): Uint8Array | undefined {
    return this.contracts.get(address)?.code ?? this.base.getCode(address);
  }

  getCodeHash(address: string): string | undefined {
    return this.contracts.get(address)?.codeHash ?? this.base.getCodeHash(address);
  }

  setCode(address: string, code: Uint8Array, codeHash: string): void {
    const c = this.pending(address);
    c.code = code.slice();
    c.codeHash = codeHash;
  }

  getAbi(address: string): Abi | undefined {
    return this.contracts.get(address)?.abi ?? this.base.getAbi(address);
  }

  setAbi(address: string, abi: Abi): void {
    this.pending(address).abi = abi;
  }

  private pending(address: string): PendingContract {
    let c = this.contracts.get(address);
    if (!c) this.contracts.set(address, (c = {}));
    return c;
  }

  /** How many storage entries were written (for block size limits and benches). */
  get storageWrites(): number {
    let n = 0;
    for (const m of this.storage.values()) n += m.size;
    return n;
  }

  /** The block's writes, sorted by address and key. */
  diff(): StateDiff {
    const storage: StorageWrite[] = [];
    for (const address of sortedKeys(this.storage)) {
      const m = this.storage.get(address)!;
      for (const k of sortedKeys(m)) storage.push({ address, key: keyToBytes(k), value: m.get(k) ?? undefined });
    }
    const contracts: ContractWrite[] = [];
    for (const address of sortedKeys(this.contracts)) {
      const c = this.contracts.get(address)!;
      const abi = c.abi ?? this.base.getAbi(address);
      contracts.push({
        address,
        code: c.code ?? this.base.getCode(address) ?? new Uint8Array(0),
        codeHash: c.codeHash ?? this.base.getCodeHash(address) ?? "",
        abi: abi === undefined ? "" : JSON.stringify(abi),
      });
    }
    return { storage, contracts };
  }
}
