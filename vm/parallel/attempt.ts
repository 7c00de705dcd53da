/**
 * One parallel attempt at a block: keys, segments between barriers, waves,
 * and committing results into the executor's overlay (records.ts) under the
 * validation rule. A broken rule throws Cancelled; the executor then runs
 * the block serially. Nothing reaches the block's ChainState before the
 * attempt succeeds.
 */
import { decodeRevert } from "../abi/revert.ts";
import type { Abi } from "../abi/types.ts";
import { bytesToKey } from "../keys.ts";
import type { ExecResult } from "../types.ts";
import { buildDag, type Dag } from "./dag.ts";
import { NONE, sameAt, type ResultBatch } from "./exec-wire.ts";
import type { BlockExecutor } from "./executor.ts";
import { KeyList } from "./keys.ts";
import { Mode } from "./main-state.ts";
import type { KeyRec } from "./records.ts";
import { CodeKind } from "./updates.ts";
import { emptyStats, type BlockEnv, type BlockStats, type BlockTx } from "./types.ts";
import { laterAccessor, markCommitted, orderViolation } from "./validate.ts";
import { runStream } from "./stream.ts";

export class Cancelled extends Error {}

/** Transactions whose keys are looked at before deciding a segment is too contended for workers. */
const SAMPLE = 128;
/** Transactions then run here in block order, with no keys computed, before looking again. */
const CHUNK = 4096;

interface ContractInfo {
  hasCode: boolean;
  abi: Abi | undefined;
}

export class Attempt {
  readonly stats: BlockStats = emptyStats();
  readonly results: ExecResult[];
  cancelled = false;
  /**
   * Transactions [0, directPrefix) ran in block order straight on the block's state, before
   * anything used the overlay: they are final even if the attempt is cancelled later.
   */
  directPrefix = 0;
  private overlayUsed = false;
  private contracts = new Map<string, ContractInfo>();
  private waveCount = 0;
  private readRecs: KeyRec[] = [];
  private writeRecs: KeyRec[] = [];
  /** a worker result's write values: position and length in its message */
  private writeAt: number[] = [];
  readonly decodeRevert = (data: Uint8Array, failedAt: string | undefined) =>
    decodeRevert(data, this.ex.crypto, failedAt === undefined ? undefined : this.ex.main.getAbi(failedAt));

  constructor(
    readonly ex: BlockExecutor,
    readonly txs: readonly BlockTx[],
    readonly env: BlockEnv,
  ) {
    this.results = new Array(txs.length);
  }

  async run(): Promise<ExecResult[]> {
    const n = this.txs.length;
    const segment: number[] = [];
    const keys = new KeyList();
    let sampling = true;
    for (let j = 0; j < n; ) {
      if (!this.keysInto(j, keys)) {
        await this.runSegment(segment, keys);
        segment.length = 0;
        keys.clear();
        sampling = true;
        this.runApplied(j++);
        this.stats.barriers++;
        this.stats.waves++;
        continue;
      }
      segment.push(j++);
      if (!sampling || segment.length < SAMPLE) continue;
      sampling = false;
      if (!this.tooNarrow(buildDag(keys))) continue;
      // The first SAMPLE transactions of the segment leave no wave worth the workers: contention.
      // They and the next CHUNK run here in block order (serial execution), with no keys computed.
      const end = Math.min(n, j + CHUNK);
      this.stats.waves += segment.length + end - j;
      for (const t of segment) this.runApplied(t);
      while (j < end) this.runApplied(j++);
      segment.length = 0;
      keys.clear();
      sampling = true;
    }
    await this.runSegment(segment, keys);
    return this.results;
  }

  /** Append j's keys; false when j is a barrier. */
  private keysInto(j: number, out: KeyList): boolean {
    const tx = this.txs[j]!;
    if (tx.kind !== "call" || !(tx.input instanceof Uint8Array) || typeof tx.to !== "string") return false;
    let info = this.contracts.get(tx.to);
    if (!info) {
      // a precompile or no contract at all: a barrier
      const code = this.ex.main.codeInfo(tx.to);
      info = { hasCode: code.kind === CodeKind.Contract, abi: code.abi };
      this.contracts.set(tx.to, info);
    }
    if (!info.hasCode) return false;
    if (this.ex.learned.size > 0 && tx.input.length >= 4 && this.ex.learned.has(pairOf(tx))) return false;
    return this.ex.planner.keysInto(tx.to, info.abi, tx.input, { sender: tx.sender, origin: tx.origin, block: this.env.block }, out);
  }

  private async runSegment(segment: readonly number[], keys: KeyList): Promise<void> {
    if (segment.length === 0) return;
    const dag = buildDag(keys);
    this.stats.waves += dag.depth;
    if (this.tooNarrow(dag)) {
      // no wave worth the workers, or waves too narrow on average to pay for the messages:
      // the segment in block order, which is serial execution
      for (const j of segment) this.runApplied(j);
    } else {
      this.overlayUsed = true;
      await runStream(this, segment, dag, this.waveCount);
    }
    this.waveCount += dag.depth;
  }

  /** Whether the widest wave, or the waves on average, are too small to be worth the workers. */
  private tooNarrow(dag: Dag): boolean {
    return dag.widest < this.ex.inlineBelow || dag.n < this.ex.inlineBelow * dag.depth;
  }

  /** A transaction with everything before it committed and nothing after it started: no checks needed. */
  private runApplied(j: number): void {
    const direct = !this.overlayUsed;
    this.ex.main.mode = direct ? Mode.Direct : Mode.Apply;
    const tx = this.txs[j]!;
    this.results[j] = this.ex.runTx(tx, this.env);
    if (direct) this.directPrefix = j + 1;
    this.stats.inline++;
    if (tx.kind === "deploy") this.contracts.clear(); // a new contract (and ABI) from here on
  }

  /** Run j here against the committed state, check the rule, commit. */
  runInline(j: number, wave: number): void {
    const main = this.ex.main;
    main.mode = Mode.Record;
    main.clearAccess();
    const r = this.ex.runTx(this.txs[j]!, this.env);
    main.mode = Mode.Apply;
    this.check(j, main.reads, main.nReads, main.writes, main.nWrites);
    markCommitted(j, wave, main.reads, main.nReads, main.writes, main.nWrites);
    for (let i = 0; i < main.nWrites; i++) this.ex.recs.write(main.writes[i]!, main.writeValues[i]);
    this.results[j] = r;
    this.stats.inline++;
  }

  /** Commit a worker's result (record t of `batch`), or run the transaction again here if something it read has changed since. */
  commitWorker(batch: ResultBatch, t: number, wave: number): void {
    const j = batch.index(t);
    const recs = this.ex.recs;
    const r = batch.seek(t);
    const bytes = r.bytes;
    const nReads = r.u32();
    const reads = this.readRecs;
    for (let i = 0; i < nReads; i++) {
      const rec = recs.byId[r.u32()]!;
      const len = r.u32();
      recs.touch(rec);
      if (!sameAt(rec.cur, bytes, r.pos, len)) {
        // written after the worker read it: by a transaction of this wave, the declared keys missed a conflict
        if (rec.writerWave === wave) this.learn(j, rec.maxWriter);
        this.stats.reexecuted++;
        this.runInline(j, wave);
        return;
      }
      if (len !== NONE) r.pos += len;
      reads[i] = rec;
    }
    const nWrites = r.u32();
    const writes = this.writeRecs;
    const at = this.writeAt;
    for (let i = 0; i < nWrites; i++) {
      const rec = recs.byId[r.u32()]!;
      recs.touch(rec);
      writes[i] = rec;
      const len = r.u32();
      at[2 * i] = r.pos;
      at[2 * i + 1] = len;
      if (len !== NONE) r.pos += len;
    }
    this.check(j, reads, nReads, writes, nWrites);
    markCommitted(j, wave, reads, nReads, writes, nWrites);
    for (let i = 0; i < nWrites; i++) {
      const len = at[2 * i + 1]!;
      recs.write(writes[i]!, len === NONE ? undefined : bytes.slice(at[2 * i]!, at[2 * i]! + len));
    }
    this.results[j] = batch.result(this.decodeRevert);
    this.stats.parallel++;
  }

  private check(j: number, reads: KeyRec[], nReads: number, writes: KeyRec[], nWrites: number): void {
    const bad = orderViolation(j, reads, nReads, writes, nWrites);
    if (bad === undefined) return;
    const other = laterAccessor(bad);
    this.learn(j, other);
    throw new Cancelled(`transaction ${j} touched a key of ${bad.address} that transaction ${other}, later in the block, touched before it committed`);
  }

  /** Remember the calls of transactions a and b as barriers for later blocks. */
  private learn(a: number, b: number): void {
    for (const j of [a, b]) {
      const tx = this.txs[j];
      if (!tx || tx.kind !== "call" || tx.input.length < 4) continue;
      const pair = pairOf(tx);
      if (this.ex.learned.has(pair)) continue;
      this.ex.learned.add(pair);
      this.stats.learned.push(pair);
    }
  }

  /** A worker could not read this key: tell the caches its committed value. */
  missedKey(address: string, key: Uint8Array): void {
    const recs = this.ex.recs;
    const r = recs.get(address, bytesToKey(key), key);
    recs.touch(r);
    this.ex.log.value(r, r.cur, true);
    this.stats.misses++;
  }

  missedCode(address: string): void {
    this.ex.log.code(address, this.ex.main.codeInfo(address));
    this.stats.misses++;
  }
}

/** "contract#selector" of a call. */
function pairOf(tx: BlockTx & { kind: "call" }): string {
  const i = tx.input;
  return `${tx.to}#${(((i[0]! << 24) | (i[1]! << 16) | (i[2]! << 8) | i[3]!) >>> 0).toString(16).padStart(8, "0")}`;
}
