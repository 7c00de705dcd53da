/** The parallel block executor's public types (docs/parallel.md). */
import type { Abi } from "../abi/types.ts";
import type { ChainCrypto } from "../crypto.ts";
import type { PrecompileSet } from "../precompile.ts";
import type { BlockContext, ExecResult } from "../types.ts";
import type { WayChooser } from "./adaptive.ts";

/** A transaction of a block, as the VM runs it (signatures and intrinsic gas are the caller's). */
export type BlockTx =
  | { kind: "call"; sender: string; origin?: string; to: string; input: Uint8Array }
  | { kind: "deploy"; sender: string; origin?: string; address: string; code: Uint8Array; ctorArgs?: Uint8Array; abi?: Abi };

export interface BlockEnv {
  block: BlockContext;
  /** the gas limit of every transaction */
  gasLimit: number | bigint;
}

export interface ExecutorOptions {
  /** worker threads; 0 runs every block serially on the calling thread (the reference) */
  workers: number;
  crypto: ChainCrypto;
  /** system contracts: run on the calling thread only (a worker that meets one hands the transaction back) */
  precompiles?: PrecompileSet;
  maxDepth?: number;
  /** more task handler modules for the pool's threads (pool.ts), e.g. signature verification */
  workerModules?: URL[];
  /**
   * The least work worth a message (default 8 × workers, at least 16): a segment whose widest wave, or whose
   * waves on average, are smaller runs on the calling thread in block order; so do fewer ready
   * transactions than this while the workers are idle.
   */
  inlineBelow?: number;
  /** the part of the ready transactions the calling thread runs itself while the workers run the rest (0 to 0.9; default 0) */
  mainShare?: number;
  /**
   * Run a block on the calling thread when every worker thread is busy with other tasks as it starts (default true):
   * batches would queue behind that work (in a node, signature recovery, which costs ~30× a transfer), so the
   * block is done sooner here, and the workers' other work is not delayed.
   */
  yieldToBusyPool?: boolean;
  /**
   * Run each block the way that has lately been faster per transaction, on the workers or serially here,
   * trying the other way now and then (adaptive.ts; default false). A WayChooser of one's own may be given
   * (tests give one with a fake clock).
   */
  adaptive?: boolean | WayChooser;
}

export interface BlockStats {
  /** waves of the schedule (a barrier counts as one) */
  waves: number;
  /** transactions whose worker result was committed */
  parallel: number;
  /** transactions executed on the calling thread (small waves, barriers, retries) */
  inline: number;
  /** transactions run on the calling thread again because what a worker read had changed */
  reexecuted: number;
  /** batches sent to the workers */
  batches: number;
  /** barriers: transactions that ran alone */
  barriers: number;
  /** worker attempts that stopped for state the worker did not hold */
  misses: number;
  /** worker attempts handed back because they need the calling thread (a precompile, …) */
  handedBack: number;
  /** the block ran on the calling thread because every worker thread was busy with other tasks (yieldToBusyPool) */
  poolBusy: boolean;
  /** the block ran on the calling thread because serial execution has lately been faster (adaptive) */
  chosenSerial: boolean;
  /** the parallel attempt was cancelled and the block re-run serially */
  fallback: boolean;
  /** why, when fallback is true */
  fallbackReason?: string;
  /** "contract#selector" pairs that made this block's attempt fail (barriers from now on) */
  learned: string[];
}

export interface BlockOutcome {
  results: ExecResult[];
  stats: BlockStats;
}

export function emptyStats(): BlockStats {
  return { waves: 0, batches: 0, parallel: 0, inline: 0, reexecuted: 0, barriers: 0, misses: 0, handedBack: 0, poolBusy: false, chosenSerial: false, fallback: false, learned: [] };
}
