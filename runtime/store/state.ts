// The committed state, held in memory so that the VM reads it synchronously
// (LevelDB only answers asynchronously), and the step from a block's
// StateDiff to the writes, trie and root it leads to (prepareState). Memory
// changes only in apply(), which the store calls after LevelDB has taken the
// block's batch.
import type { ChainState } from "../../vm/state.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { bytesToKey } from "../../vm/keys.ts";
import { ChainError } from "../chain/errors.ts";
import { equalBytes } from "../chain/merkle.ts";
import type { StateDiff } from "./diff.ts";
import { StateTrie, type HashFn } from "./trie.ts";
import { contractKey, contractLeafValue, encodeAddress, storageKey, type ContractRecord } from "./layout.ts";

interface Contract extends ContractRecord {
  parsedAbi: Abi | undefined;
}

interface Account {
  storage: Map<string, Uint8Array>;
  contract?: Contract;
}

/** A storage write ready for LevelDB and memory. */
export interface PreparedStorageWrite {
  address: string;
  keyLatin1: string;
  dbKey: Uint8Array;
  value: Uint8Array | undefined;
}

/** What ChainStore.prepare returns: the root to put into the header, and what commitBlock will write. */
export interface PreparedState {
  /** The state root after the block. */
  readonly stateRoot: Uint8Array;
  /** @internal the trie this was prepared on (commitBlock checks it is still the committed one) */
  readonly base: StateTrie;
  /** @internal */
  readonly trie: StateTrie;
  /** @internal */
  readonly storage: readonly PreparedStorageWrite[];
  /** @internal */
  readonly contracts: readonly { address: string; dbKey: Uint8Array; record: Contract }[];
}

export function parseAbi(json: string, address: string): Abi | undefined {
  if (json === "") return undefined;
  let abi: unknown;
  try {
    abi = JSON.parse(json);
  } catch {
    abi = undefined;
  }
  if (!Array.isArray(abi)) throw new ChainError("BAD_ARGUMENT", `the ABI of ${address} is not a JSON array`);
  return abi as Abi;
}

export class CommittedState implements ChainState {
  private readonly accounts = new Map<string, Account>();
  trie: StateTrie;

  constructor(private readonly hash: HashFn) {
    this.trie = StateTrie.empty(hash);
  }

  private account(address: string): Account {
    let a = this.accounts.get(address);
    if (!a) this.accounts.set(address, (a = { storage: new Map() }));
    return a;
  }

  getStorage(address: string, key: Uint8Array, keyLatin1?: string): Uint8Array | undefined {
    return this.accounts.get(address)?.storage.get(keyLatin1 ?? bytesToKey(key));
  }

  getCode(address: string): Uint8Array | undefined {
    return this.accounts.get(address)?.contract?.code;
  }

  getCodeHash(address: string): string | undefined {
    return this.accounts.get(address)?.contract?.codeHash;
  }

  getAbi(address: string): Abi | undefined {
    return this.accounts.get(address)?.contract?.parsedAbi;
  }

  // The committed state changes only by committing a block; the VM writes to a BlockState.
  setStorage(): void {
    throw new Error("the committed state is read-only: execute blocks on a BlockState (runtime/store/diff.ts)");
  }

  setCode(): void {
    this.setStorage();
  }

  setAbi(): void {
    this.setStorage();
  }

  /** Storage entries and contracts as read from disk at open (the trie is built after, in one go). */
  load(address: string, key: Uint8Array, value: Uint8Array): void {
    this.account(address).storage.set(bytesToKey(key), value);
  }

  loadContract(address: string, record: ContractRecord): void {
    this.account(address).contract = { ...record, parsedAbi: parseAbi(record.abi, address) };
  }

  /** Every entry's trie leaf, for building the trie at open. */
  leaves(): { path: Uint8Array; value: Uint8Array }[] {
    const out: { path: Uint8Array; value: Uint8Array }[] = [];
    for (const [address, a] of this.accounts) {
      const addr = encodeAddress(address);
      for (const [k, v] of a.storage) out.push({ path: this.hash(storageKey(addr, Buffer.from(k, "latin1"))), value: v });
      if (a.contract) out.push({ path: this.hash(contractKey(addr)), value: contractLeafValue(this.hash, a.contract) });
    }
    return out;
  }

  /** After the block's batch is on disk: its writes and its trie become the committed state. */
  apply(p: PreparedState): void {
    for (const w of p.storage) {
      const storage = this.account(w.address).storage;
      if (w.value === undefined) storage.delete(w.keyLatin1);
      else storage.set(w.keyLatin1, w.value);
    }
    for (const c of p.contracts) this.account(c.address).contract = c.record;
    this.trie = p.trie;
  }

  /** The writes of `diff` that change something, the new trie and its root. Memory is not touched. */
  prepare(diff: StateDiff): PreparedState {
    const addresses = new Map<string, Uint8Array>();
    const addr = (a: string): Uint8Array => {
      let e = addresses.get(a);
      if (!e) addresses.set(a, (e = encodeAddress(a)));
      return e;
    };
    // last write of a key wins, as in BlockState
    const latest = new Map<string, PreparedStorageWrite>();
    for (const w of diff.storage) {
      if (typeof w.address !== "string" || !(w.key instanceof Uint8Array)) throw new ChainError("BAD_ARGUMENT", "a storage write needs an address and key bytes");
      const keyLatin1 = bytesToKey(w.key);
      const value = w.value === undefined || w.value.length === 0 ? undefined : w.value;
      latest.set(`${w.address}\u0000${keyLatin1}`, { address: w.address, keyLatin1, dbKey: storageKey(addr(w.address), w.key), value });
    }
    const storage: PreparedStorageWrite[] = [];
    const writes: { path: Uint8Array; value: Uint8Array | undefined }[] = [];
    for (const w of latest.values()) {
      const now = this.accounts.get(w.address)?.storage.get(w.keyLatin1);
      if (now === w.value || (now && w.value && equalBytes(now, w.value))) continue; // no change: no write, no hashing
      storage.push(w);
      writes.push({ path: this.hash(w.dbKey), value: w.value });
    }
    const contracts: PreparedState["contracts"][number][] = [];
    for (const c of diff.contracts) {
      const record: Contract = { code: c.code, codeHash: c.codeHash, abi: c.abi, parsedAbi: parseAbi(c.abi, c.address) };
      const dbKey = contractKey(addr(c.address));
      contracts.push({ address: c.address, dbKey, record });
      writes.push({ path: this.hash(dbKey), value: contractLeafValue(this.hash, record) });
    }
    const trie = this.trie.edit(writes);
    return { stateRoot: trie.rootHash(), base: this.trie, trie, storage, contracts };
  }
}
