/**
 * What the VM needs of chain state, and an in-memory implementation for
 * tests and tools. The VM reads through this interface during a
 * transaction and writes only when a top-level call or deployment succeeds.
 */
import type { Abi } from "./abi/types.ts";
import { toHex } from "./abi/hex.ts";
import { bytesToKey, keyToBytes } from "./keys.ts";

export interface ChainState {
  /**
   * undefined when the key is absent. `keyLatin1`, when given, is the key
   * as a latin1 string (one char per byte), for maps keyed by strings.
   */
  getStorage(address: string, key: Uint8Array, keyLatin1?: string): Uint8Array | undefined;
  /**
   * value undefined deletes the key. The VM never changes a value after
   * passing it here (nor one getStorage returned), so a state may keep it
   * as it is; likewise `key`.
   */
  setStorage(address: string, key: Uint8Array, value: Uint8Array | undefined, keyLatin1?: string): void;
  /** the stored (metered) code; undefined when no contract lives at the address */
  getCode(address: string): Uint8Array | undefined;
  /** hex chain hash of the stored code, as given to setCode; the module cache key */
  getCodeHash(address: string): string | undefined;
  setCode(address: string, code: Uint8Array, codeHash: string): void;
  getAbi(address: string): Abi | undefined;
  setAbi(address: string, abi: Abi): void;
}

interface Account {
  code?: Uint8Array;
  codeHash?: string;
  abi?: Abi;
  storage: Map<string, Uint8Array>;
}

export class InMemoryState implements ChainState {
  private accounts = new Map<string, Account>();
  /** the account looked up last: a transaction mostly touches one contract (accounts are never removed) */
  private lastAddress: string | undefined;
  private lastAccount: Account | undefined;

  private find(address: string): Account | undefined {
    if (address === this.lastAddress) return this.lastAccount;
    const a = this.accounts.get(address);
    if (a) {
      this.lastAddress = address;
      this.lastAccount = a;
    }
    return a;
  }

  private account(address: string): Account {
    let a = this.find(address);
    if (!a) this.accounts.set(address, (a = { storage: new Map() }));
    return a;
  }

  getStorage(address: string, key: Uint8Array, keyLatin1?: string): Uint8Array | undefined {
    return this.find(address)?.storage.get(keyLatin1 ?? bytesToKey(key));
  }

  /** Keeps `value` itself, not a copy (see ChainState): callers must not change it afterwards. */
  setStorage(address: string, key: Uint8Array, value: Uint8Array | undefined, keyLatin1?: string): void {
    const storage = this.account(address).storage;
    const k = keyLatin1 ?? bytesToKey(key);
    if (value === undefined || value.length === 0) storage.delete(k);
    else storage.set(k, value);
  }

  getCode(address: string): Uint8Array | undefined {
    return this.find(address)?.code;
  }

  getCodeHash(address: string): string | undefined {
    return this.find(address)?.codeHash;
  }

  setCode(address: string, code: Uint8Array, codeHash: string): void {
    const a = this.account(address);
    a.code = code.slice();
    a.codeHash = codeHash;
  }

  getAbi(address: string): Abi | undefined {
    return this.find(address)?.abi;
  }

  setAbi(address: string, abi: Abi): void {
    this.account(address).abi = abi;
  }

  /** A contract's storage, sorted by key bytes. */
  storageEntries(address: string): [Uint8Array, Uint8Array][] {
    const storage = this.accounts.get(address)?.storage ?? new Map<string, Uint8Array>();
    return [...storage.keys()].sort().map((k) => [keyToBytes(k), storage.get(k)!]);
  }

  /** A deterministic text image of everything (for "state unchanged" checks). */
  dump(): string {
    const lines: string[] = [];
    for (const address of [...this.accounts.keys()].sort()) {
      const a = this.accounts.get(address)!;
      lines.push(`${address} code=${a.codeHash ?? "-"} abi=${a.abi ? a.abi.length : "-"}`);
      for (const [k, v] of this.storageEntries(address)) lines.push(`  ${toHex(k)} = ${toHex(v)}`);
    }
    return lines.join("\n");
  }
}
