// ChainStore: blocks, transactions, receipts and state in LevelDB. The state
// is served from memory (CommittedState); each block goes to disk in one
// atomic batch with its header, transactions, receipts, indexes and the head
// pointer, and only then does memory change. README.md beside this file says
// why and what it costs.
import { resolve } from "node:path";
import type { ChainState } from "../../vm/state.ts";
import { ChainError } from "../chain/errors.ts";
import { encodeHeader, encodeReceipt, encodeSealedHeader } from "../chain/codec.ts";
import { equalBytes } from "../chain/merkle.ts";
import type { Block, BlockHeader, Receipt, Transaction } from "../chain/types.ts";
import type { StateDiff } from "./diff.ts";
import { CommittedState, type PreparedState } from "./state.ts";
import { StateTrie, type HashFn } from "./trie.ts";
import { receiptProof, storagePath, verifyReceiptProof, verifyStorageProof, type ReceiptProof, type StorageProof } from "./proofs.ts";
import * as L from "./layout.ts";
import { checkMarker, hasPrefix, loadHeader, mapError, openDb, plain, readState, writeMarker, type Db } from "./db.ts";

export interface HeadInfo {
  number: number;
  hash: Uint8Array;
  header: BlockHeader;
}

export interface StoredTransaction {
  tx: Transaction;
  blockNumber: number;
  /** Position in the block. */
  index: number;
}

type Batch = ({ type: "put"; key: Uint8Array; value: Uint8Array } | { type: "del"; key: Uint8Array })[];
const ZERO_HASH = new Uint8Array(32);
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

export class ChainStore {
  private headInfo: HeadInfo | null;
  private counters: { transactionCount: number; failedTransactionCount: number };
  private committing = false;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly db: Db,
    private readonly hash: HashFn,
    private readonly committed: CommittedState,
    head: L.Head | null,
    header: BlockHeader | null,
  ) {
    this.headInfo = head && header ? { number: head.number, hash: head.hash, header } : null;
    this.counters = { transactionCount: head?.transactionCount ?? 0, failedTransactionCount: head?.failedTransactionCount ?? 0 };
  }

  /**
   * Opens (or creates) the store in `dir`. `hash` is the chain's suite hash
   * (keccak-256 or SM3). Loads the state into memory and checks it against
   * the head's stateRoot: a damaged store throws ChainError("STORE_CORRUPT").
   */
  static async open(dir: string, options: { hash: HashFn }): Promise<ChainStore> {
    dir = resolve(dir); // the marker is rewritten by path after each block, whatever the working directory then
    const hash = options.hash;
    const db = await openDb(dir, hash);
    try {
      const rawHead = plain(await db.get(L.KEY_HEAD).catch((e) => Promise.reject(mapError(e))));
      const committed = new CommittedState(hash);
      if (rawHead === undefined) {
        for (const prefix of [L.P_HEADER, L.P_TX, L.P_STORAGE, L.P_CONTRACT]) {
          if (await hasPrefix(db, prefix)) throw L.corrupt("blocks or state without a head record");
        }
        await checkMarker(dir, null, db, hash);
        return new ChainStore(dir, db, hash, committed, null, null);
      }
      const head = L.decodeHead(rawHead);
      const header = await loadHeader(db, head.number);
      if (!header) throw L.corrupt(`the head block ${head.number} has no header`);
      if (!equalBytes(hash(encodeHeader(header)), head.hash)) throw L.corrupt(`the head block ${head.number}'s header does not hash to the head's hash`);
      await checkMarker(dir, { number: head.number, hash: head.hash }, db, hash);
      await readState(db, committed);
      committed.trie = StateTrie.build(hash, committed.leaves());
      const root = committed.trie.rootHash();
      if (!equalBytes(root, header.stateRoot)) {
        throw L.corrupt(`the state's root ${hex(root)} is not block ${head.number}'s stateRoot ${hex(header.stateRoot)}`);
      }
      return new ChainStore(dir, db, hash, committed, head, header);
    } catch (e) {
      await db.close().catch(() => undefined);
      throw e;
    }
  }

  /** The committed state, read synchronously; read-only (blocks execute on a BlockState over it). */
  get state(): ChainState {
    return this.committed;
  }

  /** The last committed block; null before genesis. */
  head(): HeadInfo | null {
    return this.headInfo;
  }

  /** Transactions in all committed blocks, and how many of them failed (status ≠ 0). */
  counts(): { transactionCount: number; failedTransactionCount: number } {
    return { ...this.counters };
  }

  /**
   * The state root after applying `diff` to the committed state, for the
   * header; pass the result to commitBlock. Nothing changes until then, and
   * an unused result is simply dropped.
   */
  prepare(diff: StateDiff): PreparedState {
    this.live();
    return this.committed.prepare(diff);
  }

  /**
   * Writes the block (the next after the head; for genesis, number 0 with a
   * zero parent hash), its receipts (one per transaction, in order) and its
   * prepared state in one atomic batch, then makes them the committed state.
   * If the write fails, nothing in memory has changed.
   */
  async commitBlock(block: Block, receipts: readonly Receipt[], prepared: PreparedState): Promise<void> {
    this.live();
    if (this.committing) throw new ChainError("BAD_ARGUMENT", "a block is already being committed");
    const h = block.header;
    const expected = this.headInfo ? this.headInfo.number + 1 : 0;
    const bad = (why: string): never => {
      throw new ChainError("BAD_ARGUMENT", `cannot commit block ${h.number}: ${why}`);
    };
    if (prepared.base !== this.committed.trie) bad("its state was prepared on another state than the committed one");
    if (h.number !== expected) bad(`the next block is ${expected}`);
    if (!equalBytes(h.parentHash, this.headInfo?.hash ?? ZERO_HASH)) bad("its parentHash is not the head's hash");
    if (!equalBytes(h.stateRoot, prepared.stateRoot)) bad("its stateRoot is not the prepared state's root");
    if (!equalBytes(this.hash(encodeHeader(h)), block.hash)) bad("its hash is not the hash of its header");
    if (receipts.length !== block.transactions.length) bad(`${block.transactions.length} transactions but ${receipts.length} receipts`);

    this.committing = true;
    try {
      const counters = await this.write(block, receipts, prepared);
      this.committed.apply(prepared);
      this.headInfo = { number: h.number, hash: block.hash, header: h };
      this.counters = counters;
      writeMarker(this.dir, h.number, block.hash);
    } finally {
      this.committing = false;
    }
  }

  /** The block's batch: built, checked against the transactions already stored, written. */
  private async write(block: Block, receipts: readonly Receipt[], prepared: PreparedState): Promise<ChainStore["counters"]> {
    const h = block.header;
    const bad = (why: string): never => {
      throw new ChainError("BAD_ARGUMENT", `cannot commit block ${h.number}: ${why}`);
    };
    const batch: Batch = [];
    const put = (key: Uint8Array, value: Uint8Array): void => void batch.push({ type: "put", key, value });
    const body = new Uint8Array(32 * block.transactions.length);
    const seen = new Set<string>();
    let failed = 0;
    block.transactions.forEach((tx, i) => {
      const r = receipts[i]!;
      const id = hex(tx.hash);
      if (seen.has(id)) bad(`transaction ${id} is in it twice`);
      seen.add(id);
      if (!equalBytes(r.transactionHash, tx.hash) || r.index !== i || r.blockNumber !== h.number) bad(`receipt ${i} does not belong to transaction ${i}`);
      if (r.status !== 0) failed++;
      body.set(tx.hash, 32 * i);
      put(L.hashKey(L.P_TX, tx.hash), L.encodeTxRecord(h.number, i, tx));
      put(L.hashKey(L.P_RECEIPT, tx.hash), encodeReceipt(r));
    });
    // a transaction already in an earlier block would lose its index entry
    const dup = (await this.io(this.db.hasMany(block.transactions.map((tx) => L.hashKey(L.P_TX, tx.hash))))).indexOf(true);
    if (dup >= 0) bad(`transaction ${hex(block.transactions[dup]!.hash)} is already in a block`);

    for (const w of prepared.storage) batch.push(w.value === undefined ? { type: "del", key: w.dbKey } : { type: "put", key: w.dbKey, value: w.value });
    for (const c of prepared.contracts) put(c.dbKey, L.encodeContract(c.record));
    put(L.numberKey(L.P_HEADER, h.number), encodeSealedHeader(h));
    put(L.numberKey(L.P_BODY, h.number), body);
    put(L.hashKey(L.P_BLOCK_HASH, block.hash), L.encodeNumber(h.number));
    const counters = { transactionCount: this.counters.transactionCount + receipts.length, failedTransactionCount: this.counters.failedTransactionCount + failed };
    put(L.KEY_HEAD, L.encodeHead({ number: h.number, hash: block.hash, ...counters }));
    // sync: the block is on disk (not only in the OS's cache) when this resolves
    await this.io(this.db.batch(batch, { sync: true }));
    return counters;
  }

  async getHeader(n: number): Promise<{ header: BlockHeader; hash: Uint8Array } | null> {
    this.live();
    if (!Number.isSafeInteger(n) || n < 0) return null;
    const header = await this.io(loadHeader(this.db, n));
    return header ? { header, hash: this.hash(encodeHeader(header)) } : null;
  }

  async getBlockByNumber(n: number): Promise<Block | null> {
    const found = await this.getHeader(n);
    if (!found) return null;
    const hashes = (await this.getTransactionHashes(n))!;
    const records = await this.getMany((hashes.map((x) => L.hashKey(L.P_TX, x))));
    const transactions = records.map((v, i) => {
      if (v === undefined) throw L.corrupt(`transaction ${hex(hashes[i]!)} of block ${n} is missing`);
      const rec = L.decodeTxRecord(v, hashes[i]!, this.hash);
      if (rec.blockNumber !== n || rec.index !== i) throw L.corrupt(`transaction ${hex(hashes[i]!)} says it is not at ${n}/${i}`);
      return rec.tx;
    });
    return { header: found.header, hash: found.hash, transactions };
  }

  /** Block n's transaction hashes in order (one read: for blocks listed without their transactions); null if no block n. */
  async getTransactionHashes(n: number): Promise<Uint8Array[] | null> {
    this.live();
    if (!Number.isSafeInteger(n) || n < 0 || n > (this.headInfo?.number ?? -1)) return null;
    const body = await this.get(L.numberKey(L.P_BODY, n));
    if (body === undefined || body.length % 32 !== 0) throw L.corrupt(`block ${n}'s transaction list is missing or malformed`);
    return Array.from({ length: body.length / 32 }, (_, i) => body.slice(32 * i, 32 * i + 32));
  }

  async getBlockByHash(hash: Uint8Array): Promise<Block | null> {
    this.live();
    const v = await this.get((L.hashKey(L.P_BLOCK_HASH, hash)));
    if (v === undefined) return null;
    const block = await this.getBlockByNumber(L.decodeNumber(v, "a block-hash index entry"));
    if (!block || !equalBytes(block.hash, hash)) throw L.corrupt(`the index of block ${hex(hash)} points at another block`);
    return block;
  }

  async getTransaction(hash: Uint8Array): Promise<StoredTransaction | null> {
    this.live();
    const v = await this.get((L.hashKey(L.P_TX, hash)));
    if (v === undefined) return null;
    const { tx, blockNumber, index } = L.decodeTxRecord(v, hash, this.hash);
    return { tx, blockNumber, index };
  }

  async getReceipt(hash: Uint8Array): Promise<Receipt | null> {
    this.live();
    const v = await this.get((L.hashKey(L.P_RECEIPT, hash)));
    return v === undefined ? null : L.decodeStoredReceipt(v, hash);
  }

  /** Whether a committed block holds the transaction (synchronous, for the mempool's duplicate check). */
  hasTransaction(hash: Uint8Array): boolean {
    this.live();
    try {
      return this.db.getSync(L.hashKey(L.P_TX, hash)) !== undefined;
    } catch (e) {
      throw mapError(e);
    }
  }

  /** A proof of a storage entry's value (or absence) against the head's stateRoot. */
  proveStorage(address: string, key: Uint8Array): StorageProof {
    this.live();
    const head = this.headInfo;
    if (!head) throw new ChainError("NOT_FOUND", "no block has been committed yet");
    const { value, proof } = this.committed.trie.prove(storagePath(this.hash, address, key));
    return { address, key: key.slice(), value, blockNumber: head.number, stateRoot: head.header.stateRoot, proof };
  }

  /** Whether `p` shows its value (or absence) under `stateRoot` (take it from a header you trust). Pure. */
  static verifyStorageProof(hash: HashFn, stateRoot: Uint8Array, p: StorageProof): boolean {
    return verifyStorageProof(hash, stateRoot, p);
  }

  /** The receipt of a committed transaction with its path to the block's receiptRoot; null if unknown. */
  async proveReceipt(txHash: Uint8Array): Promise<ReceiptProof | null> {
    const receipt = await this.getReceipt(txHash);
    if (!receipt) return null;
    const block = await this.getHeader(receipt.blockNumber);
    const hashes = await this.getTransactionHashes(receipt.blockNumber);
    if (!block || !hashes) throw L.corrupt(`block ${receipt.blockNumber} of receipt ${hex(txHash)} is missing`);
    const raw = await this.getMany((hashes.map((x) => L.hashKey(L.P_RECEIPT, x))));
    const stored = raw.map((v, i) => {
      if (v === undefined) throw L.corrupt(`the receipt of ${hex(hashes[i]!)} is missing`);
      return v;
    });
    return receiptProof(this.hash, receipt, block, stored);
  }

  /** Whether `p` shows its receipt, at the receipt's own index, under `receiptRoot`. Pure. */
  static verifyReceiptProof(hash: HashFn, receiptRoot: Uint8Array, p: ReceiptProof): boolean {
    return verifyReceiptProof(hash, receiptRoot, p);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  private live(): void {
    if (this.closed) throw new ChainError("NODE_STOPPED", "the chain store is closed");
  }

  private async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    return plain(await this.io(this.db.get(key)));
  }

  private async getMany(keys: Uint8Array[]): Promise<(Uint8Array | undefined)[]> {
    return (await this.io(this.db.getMany(keys))).map(plain);
  }

  private async io<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (e) {
      throw mapError(e);
    }
  }
}
