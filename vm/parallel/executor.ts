/**
 * BlockExecutor: runs a block's transactions on a pool of worker threads
 * with exactly the results of running them one after another (docs/parallel.md).
 *
 *   const ex = new BlockExecutor({ workers: 2, crypto: "keccak" });
 *   const { results, stats } = await ex.execute(blockState, txs, { block, gasLimit });
 *   await ex.close();
 *
 * `execute` writes the block's changes to `state` as serial `vm.call` /
 * `vm.deploy` would. With `workers: 0` it is that serial loop. Otherwise it
 * schedules waves of non-conflicting transactions (keys.ts, dag.ts), runs
 * large waves on the workers and small ones here, checks what every
 * transaction actually read and wrote (validate.ts), and when a check fails
 * runs the whole block again serially. One block at a time.
 */
import { VmError } from "../errors.ts";
import { Vm } from "../vm.ts";
import type { ChainState } from "../state.ts";
import type { DeployMessage, ExecResult } from "../types.ts";
import { ByteWriter } from "./bytes.ts";
import { NONE, intText, type BatchMessage, type ResultMessage } from "./exec-wire.ts";
import { KeyPlanner } from "./keys.ts";
import { MainState, Mode } from "./main-state.ts";
import { WorkerPool } from "./pool.ts";
import { KeyRecords } from "./records.ts";
import { emptyStats, type BlockEnv, type BlockOutcome, type BlockTx, type ExecutorOptions } from "./types.ts";
import { UpdateLog, type Cursor } from "./updates.ts";
import { Attempt } from "./attempt.ts";
import { WayChooser } from "./adaptive.ts";

const EXEC_HANDLERS = new URL("./exec-worker.ts", import.meta.url);
/** A worker further behind than this (bytes of updates) is told to empty its cache instead. */
const MAX_BACKLOG = 16 << 20;

export class BlockExecutor {
  /** the worker threads (undefined with workers: 0); other task types may run on them too */
  readonly pool: WorkerPool | undefined;
  readonly workers: number;
  readonly inlineBelow: number;
  readonly mainShare: number;
  readonly yieldToBusyPool: boolean;
  /** with `adaptive`: picks parallel or serial per block */
  readonly chooser: WayChooser | undefined;
  readonly crypto: ExecutorOptions["crypto"];
  readonly maxDepth: number;
  readonly vm: Vm;
  readonly main: MainState;
  readonly recs: KeyRecords;
  readonly log = new UpdateLog();
  readonly planner: KeyPlanner;
  /** "contract#selector" pairs that broke a parallel attempt: barriers from then on */
  readonly learned = new Set<string>();
  private readonly cursors: Cursor[] = [];
  private readonly poolGens: number[] = [];
  private readonly batchWriter = new ByteWriter(1 << 16);
  private readonly nameIds: number[] = [];
  /** message buffers to write into again: batches (any worker), results (per worker, sent back with its next batch) */
  private readonly spareBatches: ArrayBuffer[] = [];
  private readonly spareResults: ArrayBuffer[][] = [];
  private busy = false;

  constructor(options: ExecutorOptions) {
    const workers = options.workers;
    if (!Number.isInteger(workers) || workers < 0) throw new VmError("VM_BAD_ARGUMENT", `workers must be a non-negative integer, got ${String(workers)}`);
    this.workers = workers;
    this.inlineBelow = options.inlineBelow ?? Math.max(16, 8 * workers);
    this.mainShare = options.mainShare ?? 0;
    if (!(this.mainShare >= 0 && this.mainShare <= 0.9)) throw new VmError("VM_BAD_ARGUMENT", `mainShare must be between 0 and 0.9, got ${String(options.mainShare)}`);
    this.yieldToBusyPool = options.yieldToBusyPool ?? true;
    this.chooser = options.adaptive instanceof WayChooser ? options.adaptive : options.adaptive ? new WayChooser() : undefined;
    this.crypto = options.crypto;
    this.maxDepth = options.maxDepth ?? 128;
    const precompiles = options.precompiles ?? new Map();
    this.recs = new KeyRecords(this.log);
    this.main = new MainState(this.recs, this.log, (a) => precompiles.has(a));
    this.vm = new Vm({ state: this.main, crypto: this.crypto, maxDepth: this.maxDepth, precompiles });
    this.planner = new KeyPlanner(this.crypto);
    if (workers > 0) {
      this.pool = new WorkerPool({ size: workers, modules: [EXEC_HANDLERS, ...(options.workerModules ?? [])] });
      for (let i = 0; i < workers; i++) {
        this.cursors.push({ gen: 0, pos: 0 });
        this.spareResults.push([]);
        this.poolGens.push(0);
      }
    }
  }

  /** Execute a block against `state` (written as serial execution would). */
  async execute(state: ChainState, txs: readonly BlockTx[], env: BlockEnv): Promise<BlockOutcome> {
    if (this.busy) throw new VmError("VM_BAD_ARGUMENT", "the executor runs one block at a time");
    if (!Array.isArray(txs)) throw new VmError("VM_BAD_ARGUMENT", "txs must be an array");
    if (!env || typeof env !== "object") throw new VmError("VM_BAD_ARGUMENT", "env must be { block, gasLimit }");
    this.busy = true;
    try {
      if (!this.pool || txs.length === 0) return this.serial(state, txs, env);
      this.log.limitNames();
      this.recs.beginBlock(state);
      this.main.begin(state, Mode.Direct, true); // direct writes go to the update log: the replicas stay current
      const busy = this.yieldToBusyPool && this.poolBusy();
      if (busy || this.chooser?.pick(txs.length) === "serial") {
        const done = busy ? undefined : this.chooser!.time("serial", txs.length);
        // Busy: the workers will be back soon, so the block's writes go to their replicas through the log.
        // Chosen serial: they may not be back for many blocks, and logging costs every write; they start
        // over instead (the first block of a look at parallel execution refills them, and is not counted).
        if (!busy) this.main.begin(state, Mode.Direct);
        const results = txs.map((tx) => this.runTx(tx, env));
        if (busy) this.log.trim(this.cursors);
        else this.log.reset();
        done?.();
        const stats = emptyStats();
        stats.inline = txs.length;
        stats.poolBusy = busy;
        stats.chosenSerial = !busy;
        return { results, stats };
      }
      const done = this.chooser?.time("parallel", txs.length);
      const attempt = new Attempt(this, txs, env);
      let results: ExecResult[];
      try {
        results = await attempt.run();
        done?.();
      } catch (e) {
        // Cancelled, a worker lost, or an error serial execution will meet again: the rest of the
        // block serially (its first directPrefix transactions already ran so, on the state itself).
        attempt.cancelled = true;
        this.recs.discardBlock(); // and serial() below drops the code overlay
        this.log.reset();
        const from = attempt.directPrefix;
        const rest = this.serial(state, txs.slice(from), env);
        done?.(); // a fall-back is part of what the parallel way costs
        const stats = { ...attempt.stats, fallback: true, fallbackReason: e instanceof Error ? e.message : String(e) };
        return { results: [...attempt.results.slice(0, from), ...rest.results], stats };
      }
      this.recs.flush();
      this.main.flushCode();
      this.log.trim(this.cursors);
      return { results, stats: attempt.stats };
    } finally {
      this.main.begin(state, Mode.Direct);
      this.busy = false;
    }
  }

  /** Every worker thread has a task in flight: the executor's own are all answered between blocks, so these are another user's. */
  private poolBusy(): boolean {
    const pool = this.pool!;
    for (let i = 0; i < pool.size; i++) if (pool.load(i) === 0) return false;
    return true;
  }

  /** The reference: every transaction in order on this thread. */
  private serial(state: ChainState, txs: readonly BlockTx[], env: BlockEnv): BlockOutcome {
    this.main.begin(state, Mode.Direct);
    const results = txs.map((tx) => this.runTx(tx, env));
    const stats = emptyStats();
    stats.inline = txs.length;
    return { results, stats };
  }

  /** Run one transaction on this thread's VM (in whatever mode main is in). */
  runTx(tx: BlockTx, env: BlockEnv): ExecResult {
    // one object shape per message kind, built in one go (a spread of a conditionally extended object was a third of this thread's time)
    if (tx.kind === "call") {
      return this.vm.call(tx.origin === undefined
        ? { to: tx.to, input: tx.input, sender: tx.sender, gasLimit: env.gasLimit, block: env.block }
        : { to: tx.to, input: tx.input, sender: tx.sender, origin: tx.origin, gasLimit: env.gasLimit, block: env.block });
    }
    if (tx.kind === "deploy") {
      const msg: DeployMessage = { address: tx.address, code: tx.code, sender: tx.sender, gasLimit: env.gasLimit, block: env.block };
      if (tx.origin !== undefined) msg.origin = tx.origin;
      if (tx.ctorArgs) msg.ctorArgs = tx.ctorArgs;
      if (tx.abi) msg.abi = tx.abi;
      return this.vm.deploy(msg);
    }
    throw new VmError("VM_BAD_ARGUMENT", `a block transaction's kind is "call" or "deploy", got ${JSON.stringify((tx as { kind?: unknown }).kind)}`);
  }

  /** A batch of calls for worker `w` (exec-wire.ts), with the cache updates it has not been sent. */
  batchFor(w: number, txs: readonly BlockTx[], positions: readonly number[], segment: readonly number[], env: BlockEnv): BatchMessage {
    const cursor = this.cursors[w]!;
    const gen = this.pool!.generation(w);
    if (gen !== this.poolGens[w]) {
      this.poolGens[w] = gen; // a replaced thread: every cache starts over, so that all are told the same log
      this.log.reset();
    }
    if (this.log.backlog(cursor) > MAX_BACKLOG && cursor.gen === this.log.gen) this.log.reset();
    // names first: the updates sent must define every name the calls use
    const ids = this.nameIds;
    const n = positions.length;
    for (let i = 0, k = 0; i < n; i++, k += 3) {
      const tx = txs[segment[positions[i]!]!]!;
      if (tx.kind !== "call") throw new VmError("VM_BAD_ARGUMENT", "only calls go to workers");
      ids[k] = this.log.name(tx.sender);
      ids[k + 1] = tx.origin === undefined ? NONE : this.log.name(tx.origin);
      ids[k + 2] = this.log.name(tx.to);
    }
    const { reset, bytes } = this.log.unsent(cursor);
    const out = this.batchWriter;
    out.clear();
    out.u8(reset ? 1 : 0);
    out.bytes(bytes);
    out.u8(this.crypto === "sm" ? 1 : 0);
    out.u32(this.maxDepth);
    out.str(intText(env.block.number));
    out.str(intText(env.block.timestamp));
    out.str(intText(env.gasLimit));
    out.u32(n);
    for (let i = 0, k = 0; i < n; i++, k += 3) {
      const j = segment[positions[i]!]!;
      out.u32(j);
      out.u32(ids[k]!);
      out.u32(ids[k + 1]!);
      out.u32(ids[k + 2]!);
      out.bytes((txs[j] as BlockTx & { kind: "call" }).input);
    }
    const back = this.spareResults[w]!;
    this.spareResults[w] = [];
    return { buf: out.detach(this.spareBatches.pop()), back };
  }

  /** A worker's message buffers, done with: to be written into again. */
  recycle(w: number, m: ResultMessage): void {
    this.spareBatches.push(m.req);
    this.spareResults[w]!.push(m.buf);
  }

  /**
   * Empty the workers' replicas before the next block: for a state that is
   * not the one the last block left (another chain, a fork, a test's fresh
   * state). Never needed for correctness — a replica value that differs from
   * the state is caught at commit and the transaction runs again here — but
   * after such a switch most of a block would run twice.
   */
  resetCaches(): void {
    if (this.busy) throw new VmError("VM_BAD_ARGUMENT", "resetCaches while a block runs");
    this.log.reset();
  }

  /** Stop the worker threads. */
  async close(): Promise<void> {
    await this.pool?.close();
  }
}
