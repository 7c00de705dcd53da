// System contracts written in TypeScript (FISCO BCOS's "precompiled"
// contracts), dispatched by path. The VM calls one where a contract would
// run: as a transaction's target or from a contract's `bcos.call`. A
// precompile reads and writes its own storage through the VM's journal, so
// a failure anywhere in the transaction undoes its writes too.
import type { Abi } from "./abi/types.ts";
import type { ChainCrypto } from "./crypto.ts";
import { EMPTY, StateFailure, type Outcome } from "./frame.ts";
import type { Journal } from "./journal.ts";
import { Status } from "./status.ts";

export interface PrecompileContext {
  /** selector ‖ SCALE(args) */
  input: Uint8Array;
  /** The direct caller: an account address (40 hex) or a contract path. */
  caller: string;
  /** The account that signed the transaction. */
  origin: string;
  block: { number: bigint; timestamp: bigint };
  crypto: ChainCrypto;
  /** Gas available to this call. */
  gas: bigint;
  /** Its own storage (journaled). */
  getStorage(key: Uint8Array): Uint8Array | undefined;
  setStorage(key: Uint8Array, value: Uint8Array | undefined): void;
}

export interface PrecompileResult {
  /** FISCO status: 0 ok, 15 precompiled error, 16 revert (with revert data), 12 out of gas, 18 permission denied. */
  status: number;
  /** Return data (status 0) or revert data (status 16). */
  output: Uint8Array;
  gasUsed: bigint;
  message?: string;
}

export interface Precompile {
  readonly path: string;
  readonly abi: Abi;
  call(ctx: PrecompileContext): PrecompileResult;
}

/** The precompiles of a chain, by path. */
export type PrecompileSet = ReadonlyMap<string, Precompile>;

/** What runPrecompile needs of the VM: the transaction's journal and context. */
export interface PrecompileHost {
  readonly journal: Journal;
  readonly originBytes: Uint8Array;
  readonly blockNumber: bigint;
  readonly blockTimestamp: bigint;
  readonly crypto: ChainCrypto;
}

const latin1 = new TextDecoder("latin1");

/**
 * Runs a precompile as a frame: its storage goes through the journal, and a
 * failure rolls back its writes like a failing contract's. An exception from
 * the precompile itself (a bug) is status 15 with its message, never thrown.
 */
export function runPrecompile(host: PrecompileHost, p: Precompile, callerBytes: Uint8Array, input: Uint8Array, gas: bigint): Outcome {
  const journal = host.journal;
  const checkpoint = journal.checkpoint();
  const entryOf = (key: Uint8Array) => journal.entry(p.path, new DataView(key.buffer, key.byteOffset, key.byteLength), 0, key.byteLength);
  const ctx: PrecompileContext = {
    input,
    caller: latin1.decode(callerBytes),
    origin: latin1.decode(host.originBytes),
    block: { number: host.blockNumber, timestamp: host.blockTimestamp },
    crypto: host.crypto,
    gas,
    getStorage: (key) => entryOf(key).value,
    // copied: the journal hands values to the ChainState, which may keep them as they are (state.ts)
    setStorage: (key, value) => journal.set(entryOf(key), value?.slice()),
  };
  let r: PrecompileResult;
  try {
    r = p.call(ctx);
  } catch (e) {
    if (e instanceof StateFailure) throw e;
    r = { status: Status.PRECOMPILED_ERROR, output: EMPTY, gasUsed: gas, message: `${p.path} failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  const gasLeft = gas - (r.gasUsed > gas ? gas : r.gasUsed);
  if (r.status === Status.OK) return { status: Status.OK, output: r.output, gasLeft };
  journal.rollback(checkpoint);
  const out: Outcome = { status: r.status, output: EMPTY, gasLeft, message: r.message ?? `${p.path} failed with status ${r.status}`, failedAt: p.path };
  if (r.output.length) out.revertData = r.output;
  return out;
}
