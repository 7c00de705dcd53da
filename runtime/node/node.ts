// A Weft node: one chain, one solo sealer, state in LevelDB. Transactions
// are admitted (admit.ts), wait in the pool, and are sealed into blocks in
// arrival order; each block executes on a BlockState over the committed
// state, gets its roots and the sealer's signature, and is written in one
// atomic batch (runtime/store). Queries read the store.
//
// Data folder: node.json (suite, chain and group ids), node.key (the
// sealer's private key, hex, mode 0600), db/ (LevelDB).
import { EventEmitter } from "node:events";
import { availableParallelism } from "node:os";
import { CodeCache } from "../../vm/modules.ts";
import { BlockExecutor } from "../../vm/parallel/index.ts";
import { ChainError } from "../chain/errors.ts";
import { encodeHeader } from "../chain/codec.ts";
import { receiptsRoot, transactionsRoot } from "../chain/merkle.ts";
import type { Block, BlockHeader, Receipt, Transaction } from "../chain/types.ts";
import { BlockState, ChainStore } from "../store/index.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import { genesisStatus, systemContracts } from "../precompiles/index.ts";
import { DEFAULT_TX_COUNT_LIMIT, DEFAULT_TX_GAS_LIMIT } from "../chain/limits.ts";
import { check, signedBy } from "./admit.ts";
import { Verifier } from "./verifier.ts";
import { blockTx, receiptOf } from "./execute.ts";
import { TxPool } from "./txpool.ts";
import { openDataDir, type NodeConfig } from "./datadir.ts";
import { NodeQueries } from "./queries.ts";
import { blockJson, hex, logJson } from "./json.ts";
import type { NodeApi, NodeEvents } from "./api.ts";

export interface NodeOptions {
  /** The node's folder; created with a new chain when empty. */
  dataDir: string;
  /** For a new chain: "ecdsa" (default) or "sm". An existing chain keeps its own; a different value is an error. */
  crypto?: "ecdsa" | "sm";
  chainId?: string;
  groupId?: string;
  /** Milliseconds to let transactions gather before sealing a block (default 0: seal what is waiting). */
  sealDelay?: number;
  /** Seal an empty block every this many milliseconds when idle (default 0: never). */
  emptyBlockInterval?: number;
  /** Most transactions waiting at once. */
  poolSize?: number;
  /** For a new chain: accounts allowed to set system config (default: the sealer's address). */
  governors?: string[];
  /** For a new chain: system config values other than FISCO's defaults (tx_gas_limit, tx_count_limit, …). */
  systemConfig?: Record<string, number>;
  /**
   * Worker threads that recover transaction signers and execute blocks in
   * parallel (default: one per CPU, at most 4; 0: everything on the main
   * thread, blocks serially). Each block runs on them or serially on the main
   * thread, whichever has lately been faster (vm/parallel/adaptive.ts).
   * Results never depend on it.
   */
  workers?: number;
  /** Execute blocks one transaction after another on the main thread (signatures still go to the workers): the node as it was before parallel execution, for comparison. */
  serialExecution?: boolean;
  /** The sealer's clock, ms since the epoch (default Date.now). Blocks never go back in time. */
  clock?: () => number;
}

export class Node extends NodeQueries implements NodeApi {
  private readonly pool: TxPool;
  private readonly events = new EventEmitter();
  /** Runs every block: in parallel on its worker threads where conflict keys allow (vm/parallel). */
  private readonly executor: BlockExecutor;
  private readonly waiters = new Map<string, ((ok: boolean) => void)[]>();
  private readonly verifier: Verifier;
  /** Settles when every transaction submitted so far has been added to the pool or refused. */
  private admitted: Promise<unknown> = Promise.resolve();
  /** Hashes of the transactions of the block being sealed: out of the pool, not yet in the store. */
  private readonly sealingNow = new Set<string>();
  private sealing: Promise<void> | null = null;
  private stopped = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private failure: unknown = null;

  private constructor(
    store: ChainStore,
    suite: CryptoSuite,
    config: NodeConfig,
    private readonly sealerKey: Uint8Array,
    private readonly options: NodeOptions,
  ) {
    const codeCache = new CodeCache();
    const precompiles = systemContracts(config.cryptoTools);
    super(store, suite, config, precompiles, codeCache);
    this.pool = new TxPool(options.poolSize === undefined ? {} : { maxSize: options.poolSize });
    const workers = options.workers ?? (availableParallelism() > 1 ? Math.min(4, availableParallelism()) : 0);
    this.executor = new BlockExecutor({
      workers,
      crypto: suite.hashName,
      precompiles,
      workerModules: [new URL("./verify-handler.ts", import.meta.url)],
      // adaptive: a block runs on the workers only while that has lately been faster than serially here
      ...(options.serialExecution ? { inlineBelow: Number.POSITIVE_INFINITY } : { adaptive: true }),
    });
    this.events.setMaxListeners(0);
    this.verifier = new Verifier(config.crypto, this.executor.pool);
  }

  static async open(options: NodeOptions): Promise<Node> {
    const { suite, config, sealerKey, dbDir } = openDataDir(options);
    const store = await ChainStore.open(dbDir, { hash: (b) => suite.hash(b) });
    const node = new Node(store, suite, config, sealerKey, options);
    try {
      if (!store.head()) await node.genesis();
      node.genesisHash = hex((await store.getHeader(0))!.hash);
    } catch (e) {
      await store.close();
      throw e;
    }
    node.scheduleIdle();
    return node;
  }

  get sealerPublicKey(): Uint8Array {
    return this.suite.publicKeyOf(this.sealerKey);
  }

  // ---- transactions in

  async sendTransaction(raw: Uint8Array): Promise<string> {
    this.live();
    const head = this.getBlockNumber();
    const txGasLimit = this.config("tx_gas_limit", DEFAULT_TX_GAS_LIMIT, head + 1);
    const checked = check(raw, { suite: this.suite, chainId: this.chainId, groupId: this.groupId, head, txGasLimit });
    const id = hex(checked.hash);
    this.refuseDuplicate(id, checked.hash);
    // Recovery runs on the verifier's threads, concurrently for many transactions; the pool
    // still receives them in the order they were submitted (each waits for the one before).
    const recovering = this.verifier.sender(checked.hash, checked.signature);
    const added = this.admitted.then(async () => {
      const tx = signedBy(checked, await recovering, this.suite);
      this.live();
      this.refuseDuplicate(id, tx.hash);
      this.pool.add(tx, id);
      this.kick();
    });
    this.admitted = added.catch(() => undefined);
    await added;
    return id;
  }

  private refuseDuplicate(id: string, hash: Uint8Array): void {
    if (this.pool.has(id) || this.sealingNow.has(id) || this.store.hasTransaction(hash)) {
      throw new ChainError("DUPLICATE_TX", `transaction ${id} was sent already`);
    }
  }

  getPendingTxSize(): number {
    return this.pool.size;
  }

  async waitForReceipt(hash: string, timeoutMs: number) {
    const key = hash.toLowerCase().startsWith("0x") ? hash.toLowerCase() : `0x${hash.toLowerCase()}`;
    // Listen before looking: a block committed while the store is read must not be missed.
    let done!: (ok: boolean) => void;
    const announced = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      done = (ok: boolean) => {
        const list = this.waiters.get(key)?.filter((f) => f !== done);
        if (list?.length) this.waiters.set(key, list);
        else this.waiters.delete(key);
        clearTimeout(timer);
        resolve(ok);
      };
      this.waiters.set(key, [...(this.waiters.get(key) ?? []), done]);
    });
    const found = await this.getTransactionReceipt(hash);
    if (found) {
      done(true);
      return found;
    }
    if (!(await announced)) throw new ChainError("NOT_FOUND", `no receipt for ${hash} within ${timeoutMs} ms`);
    const receipt = await this.getTransactionReceipt(hash);
    if (!receipt) throw new ChainError("NOT_FOUND", `no receipt for ${hash}`);
    return receipt;
  }

  on<E extends keyof NodeEvents>(event: E, listener: NodeEvents[E]): void {
    this.events.on(event, listener);
  }

  off<E extends keyof NodeEvents>(event: E, listener: NodeEvents[E]): void {
    this.events.off(event, listener);
  }

  /** Stops sealing after the block in progress, then closes the store. */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.sealing;
    for (const list of this.waiters.values()) for (const f of list) f(false);
    await this.executor.close();
    await this.store.close();
  }

  // ---- sealing

  private live(): void {
    if (this.stopped) throw new ChainError("NODE_STOPPED", "the node is shutting down");
    if (this.failure) throw new ChainError("NODE_STOPPED", `the node stopped sealing: ${String(this.failure)}`);
  }

  /** Starts the sealing loop unless it runs. */
  private kick(): void {
    if (this.sealing || this.stopped) return;
    this.sealing = this.sealLoop().finally(() => {
      this.sealing = null;
      if (this.pool.size > 0 && !this.stopped && !this.failure) this.kick();
    });
  }

  private async sealLoop(): Promise<void> {
    const delay = this.options.sealDelay ?? 0;
    await new Promise((r) => (delay > 0 ? setTimeout(r, delay) : setImmediate(r)));
    while (this.pool.size > 0 && !this.stopped) {
      try {
        await this.sealBlock();
      } catch (e) {
        // A failing disk: stop sealing rather than run ahead of what is stored.
        this.failure = e;
        process.stderr.write(`weft node: sealing stopped: ${e instanceof Error ? e.message : String(e)}\n`);
        return;
      }
    }
    this.scheduleIdle();
  }

  private scheduleIdle(): void {
    const every = this.options.emptyBlockInterval ?? 0;
    if (every <= 0 || this.stopped) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.sealing || this.stopped) return this.scheduleIdle();
      this.sealing = this.sealBlock()
        .catch((e) => void (this.failure = e))
        .finally(() => {
          this.sealing = null;
          this.scheduleIdle();
        });
    }, every);
    this.idleTimer.unref();
  }

  /** Executes, seals and commits the next block from the pool. */
  private async sealBlock(): Promise<void> {
    const head = this.store.head()!;
    const number = head.number + 1;
    const { txs } = this.pool.take(this.config("tx_count_limit", DEFAULT_TX_COUNT_LIMIT, number), number);
    for (const tx of txs) this.sealingNow.add(hex(tx.hash));
    try {
      await this.executeAndCommit(head, number, txs);
    } finally {
      this.sealingNow.clear();
    }
  }

  private async executeAndCommit(head: { number: number; hash: Uint8Array; header: BlockHeader }, number: number, txs: Transaction[]): Promise<void> {
    const timestamp = Math.max(head.header.timestamp, (this.options.clock ?? Date.now)());
    const env = { number, timestamp, txGasLimit: this.config("tx_gas_limit", DEFAULT_TX_GAS_LIMIT, number) };
    const blockState = new BlockState(this.store.state);
    const { results } = await this.executor.execute(blockState, txs.map(blockTx), { block: { number, timestamp }, gasLimit: env.txGasLimit });
    const receipts: Receipt[] = txs.map((tx, i) => receiptOf(tx, i, env, results[i]!));
    await this.commit(number, head.hash, timestamp, txs, receipts, blockState);
  }

  private async commit(number: number, parentHash: Uint8Array, timestamp: number, txs: Transaction[], receipts: Receipt[], state: BlockState): Promise<void> {
    const hash = (b: Uint8Array) => this.suite.hash(b);
    const prepared = this.store.prepare(state.diff());
    const header: BlockHeader = {
      number, parentHash, timestamp,
      txRoot: transactionsRoot(hash, txs),
      receiptRoot: receiptsRoot(hash, receipts),
      stateRoot: prepared.stateRoot,
      gasUsed: receipts.reduce((s, r) => s + r.gasUsed, 0),
      sealer: this.sealerPublicKey,
      signature: new Uint8Array(),
    };
    const blockHash = hash(encodeHeader(header));
    if (number > 0) header.signature = this.suite.sign(blockHash, this.sealerKey);
    const block: Block = { header, hash: blockHash, transactions: txs };
    await this.store.commitBlock(block, receipts, prepared);
    this.announce(block, receipts);
  }

  private announce(block: Block, receipts: Receipt[]): void {
    const number = block.header.number;
    let logIndex = 0;
    for (const r of receipts) {
      const txHash = hex(r.transactionHash);
      for (const f of this.waiters.get(txHash) ?? []) f(true);
      for (const l of r.logs) this.events.emit("log", { ...logJson(l), blockNumber: number, transactionHash: txHash, logIndex: logIndex++ });
    }
    this.events.emit("block", blockJson(block, false));
  }

  /** Block 0: the system config in /sys/status, no transactions. */
  private async genesis(): Promise<void> {
    const state = new BlockState(this.store.state);
    const governors = this.options.governors ?? [this.suite.addressOf(this.sealerPublicKey)];
    for (const [key, value] of genesisStatus(governors, this.options.systemConfig)) state.setStorage("/sys/status", key, value);
    await this.commit(0, new Uint8Array(32), (this.options.clock ?? Date.now)(), [], [], state);
  }
}
